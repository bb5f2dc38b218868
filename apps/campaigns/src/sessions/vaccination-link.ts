import { Injectable } from '@nestjs/common';
import { SchedulingSessionChanged, SchedulingSessionChangedV1 } from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';
import { applyCancel, applyMove } from './session-changes';
import { SessionEntity } from './session.entity';

/**
 * A session riding on a vaccination session (ICOPE tests in the observation
 * quarter of an hour) follows it: moved with it, cancelled with it, and those
 * on it are told.
 */
@Injectable()
export class VaccinationLink {
  @OnEvent(SchedulingSessionChanged)
  async onVaccinationSessionChanged(
    event: SchedulingSessionChangedV1,
    context: EventContext,
  ): Promise<void> {
    const riders = await context.manager.getRepository(SessionEntity).find({
      where: {
        tenantId: context.tenantId,
        vaccinationSessionId: event.sessionId,
        status: 'planned',
      },
      lock: { mode: 'pessimistic_write' },
    });
    for (const rider of riders) {
      if (event.change === 'cancelled') {
        await applyCancel(context.manager, context.emit, rider, {
          reason: `la séance de vaccination est annulée${event.reason ? ` : ${event.reason}` : ''}`,
          cancelledBy: 'vaccination-session',
        });
      } else {
        // the contract guarantees the new window of a moved session
        await applyMove(context.manager, context.emit, rider, {
          startsAt: new Date(event.startsAt!),
          endsAt: new Date(event.endsAt!),
          reason: `la séance de vaccination est déplacée${event.reason ? ` : ${event.reason}` : ''}`,
          movedBy: 'vaccination-session',
        });
      }
    }
  }
}
