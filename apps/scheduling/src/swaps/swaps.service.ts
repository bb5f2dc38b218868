import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AcceptSwap,
  AcceptSwapV1,
  ProblemError,
  ProposeSwap,
  ProposeSwapV1,
  SwapViewV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { applyEdit, Assignment, RotaEdit, validate } from '@maillage/rostering';
import { administers, requireSelfOrCoordinator, SqlRow } from '../rota/access';
import { amendPublished } from '../rota/rota-amendments';
import { ruleBroken } from '../rota/rota.service';
import { LoadedRota, loadRota } from '../rota/rota-store';

const S = '"scheduling"';

function swapView(r: SqlRow): SwapViewV1 {
  return {
    swapId: r.swap_id,
    rotaId: r.rota_id,
    memberId: r.member_id,
    shiftId: r.shift_id,
    withMemberId: r.with_member_id,
    withShiftId: r.with_shift_id,
    status: r.status,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The swap as the engine's edit: each member takes the other's assignment; refused with the rule it would break. */
function swapEdit(
  loaded: LoadedRota,
  s: { memberId: string; shiftId: string; withMemberId: string; withShiftId: string },
): { rota: Assignment[]; edit: RotaEdit } {
  const rota = loaded.assignments.map(({ memberId, shiftId, role }) => ({
    memberId,
    shiftId,
    role,
  }));
  const first = rota.find((a) => a.memberId === s.memberId && a.shiftId === s.shiftId);
  if (!first)
    throw ProblemError.notFound(`member ${s.memberId} is not on shift ${s.shiftId} of this rota`);
  const second = rota.find((a) => a.memberId === s.withMemberId && a.shiftId === s.withShiftId);
  if (!second)
    throw ProblemError.notFound(
      `member ${s.withMemberId} is not on shift ${s.withShiftId} of this rota`,
    );
  return { rota, edit: { type: 'swap', first, second } };
}

/** Two members exchange shifts of a published rota, only if the rota stays valid. */
@Injectable()
export class SwapsService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ProposeSwap)
  async propose(command: ProposeSwapV1, context: RequestContext): Promise<SwapViewV1> {
    requireSelfOrCoordinator(context, command.memberId, 'asks a swap');
    if (command.memberId === command.withMemberId)
      throw ProblemError.badRequest([
        { field: 'withMemberId', reason: 'a swap is between two members' },
      ]);
    return this.unitOfWork.run(context, async (tx) => {
      const loaded = await loadRota(tx.manager, context.tenantId, command.rotaId, true);
      if (loaded.rota.status !== 'published')
        throw ProblemError.conflict(
          `the rota is ${loaded.rota.status}: swaps apply to the published rota`,
        );
      const { rota, edit } = swapEdit(loaded, command);
      const check = validate(loaded.rota.problem, rota, edit);
      if (check.introduced.length) throw ruleBroken(check.introduced, 'this swap');
      const rows: SqlRow[] = await tx.manager.query(
        `INSERT INTO ${S}.swaps (tenant_id, swap_id, rota_id, member_id, shift_id, with_member_id, with_shift_id, status, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', now()) RETURNING *`,
        [
          context.tenantId,
          randomUUID(),
          command.rotaId,
          command.memberId,
          command.shiftId,
          command.withMemberId,
          command.withShiftId,
        ],
      );
      return swapView(rows[0]);
    });
  }

  @OnRequest(AcceptSwap)
  async accept(command: AcceptSwapV1, context: RequestContext): Promise<SwapViewV1> {
    return this.unitOfWork.run(context, async (tx) => {
      const found: SqlRow[] = await tx.manager.query(
        `SELECT * FROM ${S}.swaps WHERE tenant_id = $1 AND swap_id = $2`,
        [context.tenantId, command.swapId],
      );
      if (!found.length) throw ProblemError.notFound(`no swap ${command.swapId} in this CPTS`);
      const swap = found[0];
      if (!administers(context))
        requireSelfOrCoordinator(context, swap.with_member_id, 'accepts a swap');
      const loaded = await loadRota(tx.manager, context.tenantId, swap.rota_id, true);
      const current: SqlRow[] = await tx.manager.query(
        `SELECT status FROM ${S}.swaps WHERE tenant_id = $1 AND swap_id = $2 FOR UPDATE`,
        [context.tenantId, command.swapId],
      );
      if (current[0].status !== 'proposed')
        throw ProblemError.conflict(`the swap is ${current[0].status}`);
      if (loaded.rota.status !== 'published')
        throw ProblemError.conflict(`the rota is ${loaded.rota.status}`);
      const { rota, edit } = swapEdit(loaded, {
        memberId: swap.member_id,
        shiftId: swap.shift_id,
        withMemberId: swap.with_member_id,
        withShiftId: swap.with_shift_id,
      });
      // the rota may have changed since the proposal: check again
      const check = validate(loaded.rota.problem, rota, edit);
      if (check.introduced.length) throw ruleBroken(check.introduced, 'this swap');
      await amendPublished(tx, loaded, {
        rota: applyEdit(rota, edit),
        cause: 'swap',
        memberId: swap.member_id,
      });
      const rows: SqlRow[] = await tx.manager.query(
        `UPDATE ${S}.swaps SET status = 'accepted', updated_at = now() WHERE tenant_id = $1 AND swap_id = $2 RETURNING *`,
        [context.tenantId, command.swapId],
      );
      return swapView((Array.isArray(rows[0]) ? (rows[0] as SqlRow[]) : rows)[0]);
    });
  }
}
