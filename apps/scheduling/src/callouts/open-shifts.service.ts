import { Injectable } from '@nestjs/common';
import {
  ClaimOpenShift,
  ClaimOpenShiftV1,
  ListOpenShifts,
  ListOpenShiftsV1,
  OpenShiftListV1,
  OpenShiftViewV1,
  ProblemError,
  ShiftClaimed,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { validate } from '@maillage/rostering';
import { administers, requireSelfOrCoordinator, SqlRow, requireReader } from '../rota/access';
import { parisIso } from '../rota/paris-time';
import { amendPublished } from '../rota/rota-amendments';
import { ruleBroken, checkKnown } from '../rota/rota.service';
import { loadRota } from '../rota/rota-store';

const S = '"scheduling"';

function openShiftView(r: SqlRow, shift?: SqlRow): OpenShiftViewV1 {
  return {
    openShiftId: r.open_shift_id,
    rotaId: r.rota_id,
    shiftId: r.shift_id,
    ...(shift?.site_id ? { siteId: shift.site_id } : {}),
    label: shift?.label ?? '',
    startsAt: shift ? parisIso(new Date(shift.starts_at)) : '',
    endsAt: shift ? parisIso(new Date(shift.ends_at)) : '',
    role: r.role,
    positions: r.positions,
    remaining: r.remaining,
    status: r.status,
    claimedBy: r.claimed_by ?? [],
    explanation: r.explanation,
  };
}

const SELECT_OPEN_SHIFTS = `SELECT o.*, s.site_id, s.label, s.starts_at, s.ends_at FROM ${S}.open_shifts o
  JOIN ${S}.rota_shifts s ON s.tenant_id = o.tenant_id AND s.rota_id = o.rota_id AND s.shift_id = o.shift_id`;

/**
 * Call-outs: a gap of a published rota is broadcast (scheduling.shift.opened.v1)
 * and the first valid claim wins. Claims of one rota are serialised by a lock
 * on its row, so twenty members claiming at once get one yes and nineteen 409s.
 */
@Injectable()
export class OpenShiftsService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ListOpenShifts)
  async list(query: ListOpenShiftsV1, context: RequestContext): Promise<OpenShiftListV1> {
    requireReader(context);
    // a member sees the call-outs broadcast to them; a coordinator sees them all
    const forMember = administers(context)
      ? null
      : (context.actor.memberId ?? '00000000-0000-0000-0000-000000000000');
    const rows: SqlRow[] = await this.unitOfWork.read(context.tenantId, (manager) =>
      manager.query(
        `${SELECT_OPEN_SHIFTS} WHERE o.tenant_id = $1 AND o.status = $2 ${forMember ? 'AND $3::uuid = ANY(o.audience)' : ''}
          ORDER BY s.starts_at, o.role LIMIT 500`,
        forMember
          ? [context.tenantId, query.status ?? 'open', forMember]
          : [context.tenantId, query.status ?? 'open'],
      ),
    );
    return { openShifts: rows.map((r) => openShiftView(r, r)) };
  }

  @OnRequest(ClaimOpenShift)
  async claim(command: ClaimOpenShiftV1, context: RequestContext): Promise<OpenShiftViewV1> {
    requireSelfOrCoordinator(context, command.memberId, 'claims an open shift');
    return this.unitOfWork.run(context, async (tx) => {
      const found: SqlRow[] = await tx.manager.query(
        `SELECT rota_id FROM ${S}.open_shifts WHERE tenant_id = $1 AND open_shift_id = $2`,
        [context.tenantId, command.openShiftId],
      );
      if (!found.length)
        throw ProblemError.notFound(`no open shift ${command.openShiftId} in this CPTS`);
      // the rota's row lock first (as every change of a rota takes it), then the call-out's
      const loaded = await loadRota(tx.manager, context.tenantId, found[0].rota_id, true);
      const rows: SqlRow[] = await tx.manager.query(
        `SELECT * FROM ${S}.open_shifts WHERE tenant_id = $1 AND open_shift_id = $2 FOR UPDATE`,
        [context.tenantId, command.openShiftId],
      );
      const open = rows[0];
      if (open.status !== 'open' || open.remaining <= 0)
        throw ProblemError.conflict('this shift has already been taken');
      if (loaded.rota.status !== 'published')
        throw ProblemError.conflict(`the rota is ${loaded.rota.status}`);
      const assignment = {
        memberId: command.memberId,
        shiftId: open.shift_id as string,
        role: open.role as string,
      };
      checkKnown(loaded, assignment);
      const rota = loaded.assignments.map(({ memberId, shiftId, role }) => ({
        memberId,
        shiftId,
        role,
      }));
      if (rota.some((a) => a.memberId === command.memberId && a.shiftId === assignment.shiftId)) {
        throw ProblemError.conflict('the member is already on this shift');
      }
      const check = validate(loaded.rota.problem, rota, { type: 'assign', assignment });
      if (check.introduced.length) throw ruleBroken(check.introduced, 'this claim');
      const remaining = open.remaining - 1;
      await tx.manager.query(
        `UPDATE ${S}.open_shifts SET remaining = $3, status = $4, claimed_by = array_append(claimed_by, $5::uuid), updated_at = now()
          WHERE tenant_id = $1 AND open_shift_id = $2`,
        [
          context.tenantId,
          command.openShiftId,
          remaining,
          remaining === 0 ? 'filled' : 'open',
          command.memberId,
        ],
      );
      await amendPublished(tx, loaded, {
        rota: [...rota, assignment],
        cause: 'claim',
        memberId: command.memberId,
      });
      await tx.emit(ShiftClaimed, {
        openShiftId: command.openShiftId,
        rotaId: loaded.rota.rotaId,
        shiftId: assignment.shiftId,
        memberId: command.memberId,
        role: assignment.role,
        remaining,
      });
      const after: SqlRow[] = await tx.manager.query(
        `${SELECT_OPEN_SHIFTS} WHERE o.tenant_id = $1 AND o.open_shift_id = $2`,
        [context.tenantId, command.openShiftId],
      );
      return openShiftView(after[0], after[0]);
    });
  }
}
