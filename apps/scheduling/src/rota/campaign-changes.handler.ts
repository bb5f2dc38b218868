import { Injectable } from '@nestjs/common';
import { SessionCancelled, SessionCancelledV1 } from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';
import { amendPublished } from './rota-amendments';
import { loadRota } from './rota-store';

const S = '"scheduling"';

/**
 * A campaign session is cancelled after its rota was published: its shift
 * leaves the rota, the people on it are freed (their calendars drop it), and
 * the difference is published. (The staffing desk marks the request withdrawn
 * so later rotas leave it out.)
 */
@Injectable()
export class CampaignChangesRepair {
  @OnEvent(SessionCancelled)
  async onSessionCancelled(event: SessionCancelledV1, context: EventContext): Promise<void> {
    if (!event.staffingRequestId) return;
    const rows: { rota_id: string; shift_id: string }[] = await context.manager.query(
      `SELECT s.rota_id, s.shift_id FROM ${S}.rota_shifts s
         JOIN ${S}.rotas r ON r.tenant_id = s.tenant_id AND r.rota_id = s.rota_id AND r.status = 'published'
        WHERE s.tenant_id = $1 AND s.staffing_request_id = $2 ORDER BY s.rota_id`,
      [context.tenantId, event.staffingRequestId],
    );
    for (const { rota_id, shift_id } of rows) {
      const loaded = await loadRota(context.manager, context.tenantId, rota_id, true);
      const problem = {
        ...loaded.rota.problem,
        shifts: loaded.rota.problem.shifts.filter((s) => s.id !== shift_id),
      };
      const rota = loaded.assignments
        .filter((a) => a.shiftId !== shift_id)
        .map(({ memberId, shiftId, role }) => ({ memberId, shiftId, role }));
      await amendPublished(context, loaded, {
        rota,
        problem,
        cause: 'session-cancelled',
        dropShifts: [shift_id],
      });
    }
  }
}
