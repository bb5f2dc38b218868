import { Injectable } from '@nestjs/common';
import {
  MemberAvailabilityChanged,
  MemberAvailabilityChangedV1,
  MemberAvailabilityV1,
  MemberErased,
  MemberErasedV1,
  MemberLeft,
  MemberLeftV1,
} from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';
import { repair } from '@maillage/rostering';
import { addDays, parisLocal } from './paris-time';
import { amendPublished, RotaChangeCause } from './rota-amendments';
import { memberAvailability } from './rota-problem.adapter';
import { loadRota } from './rota-store';

const S = '"scheduling"';

/**
 * After publication, a member's availability shrinks or they leave: every
 * published rota still running that counts on them is repaired with as few
 * changes as possible, and the difference published. (The staff pool itself
 * is kept by staff/; this handler only repairs rotas.)
 */
@Injectable()
export class StaffChangesRepair {
  @OnEvent(MemberAvailabilityChanged)
  async onAvailabilityChanged(
    event: MemberAvailabilityChangedV1,
    context: EventContext,
  ): Promise<void> {
    await this.repairRotas(context, event.memberId, event.availability, null);
  }

  @OnEvent(MemberLeft)
  async onLeft(event: MemberLeftV1, context: EventContext): Promise<void> {
    await this.repairRotas(context, event.memberId, null, event.leftOn);
  }

  /**
   * RGPD erasure: the member leaves every running rota from the day of the
   * erasure, and every rota kept (past ones too) forgets their name; the
   * member id stays so past rotas keep their shape.
   */
  @OnEvent(MemberErased)
  async onErased(event: MemberErasedV1, context: EventContext): Promise<void> {
    const today = parisLocal(new Date(event.erasedAt)).date;
    await this.repairRotas(context, event.memberId, null, addDays(today, -1), 'member-erased');
    await context.manager.query(
      `UPDATE ${S}.rotas
          SET problem = jsonb_set(problem, '{members}', (
                SELECT jsonb_agg(CASE WHEN m->>'id' = $2 THEN (m - 'name' - 'communes') || '{"name": "membre effacé"}'::jsonb ELSE m END)
                  FROM jsonb_array_elements(problem->'members') AS m))
        WHERE tenant_id = $1 AND problem -> 'members' @> $3::jsonb`,
      [context.tenantId, event.memberId, JSON.stringify([{ id: event.memberId }])],
    );
  }

  private async repairRotas(
    context: EventContext,
    memberId: string,
    availability: MemberAvailabilityV1 | null,
    leftOn: string | null,
    cause?: RotaChangeCause,
  ): Promise<void> {
    const rotas: { rota_id: string }[] = await context.manager.query(
      `SELECT rota_id FROM ${S}.rotas WHERE tenant_id = $1 AND status = 'published' AND period_end >= CURRENT_DATE
          AND problem -> 'members' @> $2::jsonb ORDER BY rota_id`,
      [context.tenantId, JSON.stringify([{ id: memberId }])],
    );
    for (const { rota_id } of rotas) {
      const loaded = await loadRota(context.manager, context.tenantId, rota_id, true);
      const { problem } = loaded.rota;
      const member = problem.members.find((m) => m.id === memberId)!;
      let windows = member.availability ?? [];
      let daysOff: number[] = [];
      if (availability) {
        ({ availability: windows, daysOff } = memberAvailability(
          availability,
          problem.startDate,
          problem.days,
          null,
        ));
      }
      if (leftOn) {
        const off = memberAvailability(
          { weekly: [], exceptions: [] },
          problem.startDate,
          problem.days,
          leftOn,
        ).daysOff;
        daysOff = [...daysOff, ...off];
        windows = windows.filter((w) => !off.includes(w.day));
      }
      const published = loaded.assignments.map(({ memberId: m, shiftId, role }) => ({
        memberId: m,
        shiftId,
        role,
      }));
      const result = repair(problem, published, {
        type: 'availability',
        memberId,
        availability: windows,
        daysOff,
      });
      const { previousRota: _previous, ...changed } = result.problem;
      if (result.added.length === 0 && result.removed.length === 0) {
        // nothing moves, but later checks (claims, swaps) must see the new availability
        await context.manager.query(
          `UPDATE ${S}.rotas SET problem = $3 WHERE tenant_id = $1 AND rota_id = $2`,
          [context.tenantId, rota_id, JSON.stringify(changed)],
        );
        continue;
      }
      await amendPublished(context, loaded, {
        rota: result.rota,
        problem: changed,
        cause: cause ?? (leftOn ? 'member-left' : 'availability'),
        memberId,
      });
    }
  }
}
