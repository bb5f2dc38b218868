import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RotaPublished, RotaPublishedV1 } from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';
import { RotaRevisionEntity, SessionAssignmentEntity } from './session-assignment.entity';
import { SessionEntity } from './session.entity';

/**
 * Shows, on each session, who the published rota assigned: shifts that came
 * from one of our staffing requests replace what this rota said before.
 */
@Injectable()
export class RotaProjection {
  @OnEvent(RotaPublished)
  async onRotaPublished(event: RotaPublishedV1, context: EventContext): Promise<void> {
    const { manager, tenantId } = context;
    const kept = await manager
      .getRepository(RotaRevisionEntity)
      .findOne({ where: { tenantId, rotaId: event.rotaId }, lock: { mode: 'pessimistic_write' } });
    if (kept && kept.revision >= event.revision) return;
    await manager
      .getRepository(RotaRevisionEntity)
      .save({ tenantId, rotaId: event.rotaId, revision: event.revision });

    const requestIds = [
      ...new Set(event.shifts.map((s) => s.staffingRequestId).filter((id): id is string => !!id)),
    ];
    await manager.getRepository(SessionAssignmentEntity).delete({ tenantId, rotaId: event.rotaId });
    if (!requestIds.length) return;
    const sessions = await manager
      .getRepository(SessionEntity)
      .findBy({ tenantId, staffingRequestId: In(requestIds) });
    const sessionOf = new Map(sessions.map((s) => [s.staffingRequestId, s.sessionId]));
    const rows: SessionAssignmentEntity[] = [];
    for (const shift of event.shifts) {
      const sessionId = shift.staffingRequestId
        ? sessionOf.get(shift.staffingRequestId)
        : undefined;
      if (!sessionId) continue;
      for (const assignee of shift.assignees) {
        rows.push(
          manager.getRepository(SessionAssignmentEntity).create({
            tenantId,
            sessionId,
            shiftId: shift.shiftId,
            memberId: assignee.memberId,
            rotaId: event.rotaId,
            displayName: assignee.displayName,
            profession: shift.profession ?? null,
            skill: shift.skill ?? null,
            startsAt: new Date(shift.startsAt),
            endsAt: new Date(shift.endsAt),
          }),
        );
      }
    }
    if (rows.length) await manager.getRepository(SessionAssignmentEntity).insert(rows);
  }
}
