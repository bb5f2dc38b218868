import { Injectable } from '@nestjs/common';
import {
  EditRota,
  EditRotaV1,
  FieldError,
  GetRota,
  ListRotas,
  ListRotasV1,
  ProblemError,
  PublishRota,
  RotaListV1,
  RotaRefV1,
  RotaViewV1,
  WithdrawFromShift,
  WithdrawFromShiftV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { applyEdit, Breach, repair, RotaEdit, validate } from '@maillage/rostering';
import { administers, requireCoordinator, requireSelfOrCoordinator, requireReader } from './access';
import { amendPublished, publishDraft, unfilledByShift } from './rota-amendments';
import { assignmentKey, displayNames, listRotas, loadRota, LoadedRota } from './rota-store';
import { rotaSummary, rotaView } from './rota-view';

/** A refusal that names each hard rule an edit would break. */
export function ruleBroken(breaches: Breach[], what: string): ProblemError {
  const errors: FieldError[] = breaches.map((b) => ({
    field: `rule:${b.rule}`,
    reason: b.message,
  }));
  const rules = [...new Set(breaches.map((b) => b.name))].join(', ');
  return new ProblemError({
    status: 422,
    title: 'Breaks a rota rule',
    detail: `${what} would break: ${rules}`,
    errors,
  });
}

/** Review, hand edits, publication and withdrawals of rotas. */
@Injectable()
export class RotaService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(GetRota)
  async get(query: RotaRefV1, context: RequestContext): Promise<RotaViewV1> {
    requireReader(context);
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const loaded = await loadRota(manager, context.tenantId, query.rotaId);
      // a member reads published rotas only; a draft is the coordinators' business
      if (!administers(context) && loaded.rota.status === 'draft')
        throw ProblemError.notFound(`no rota ${query.rotaId} in this CPTS`);
      return rotaView(
        loaded,
        await displayNames(
          manager,
          context.tenantId,
          loaded.assignments.map((a) => a.memberId),
        ),
      );
    });
  }

  @OnRequest(ListRotas)
  async list(query: ListRotasV1, context: RequestContext): Promise<RotaListV1> {
    requireReader(context);
    const status = administers(context) ? query.status : 'published';
    return this.unitOfWork.read(context.tenantId, async (manager) => ({
      rotas: (await listRotas(manager, context.tenantId, status)).map(rotaSummary),
    }));
  }

  @OnRequest(EditRota)
  async edit(command: EditRotaV1, context: RequestContext): Promise<RotaViewV1> {
    requireCoordinator(context, 'edits a draft rota');
    return this.unitOfWork.run(context, async (tx) => {
      const loaded = await loadRota(tx.manager, context.tenantId, command.rotaId, true);
      if (loaded.rota.status !== 'draft')
        throw ProblemError.conflict(
          'only a draft is edited by hand; a published rota changes by withdrawals, claims and swaps',
        );
      const rota = loaded.assignments.map(({ memberId, shiftId, role }) => ({
        memberId,
        shiftId,
        role,
      }));
      const assignment = {
        memberId: command.memberId,
        shiftId: command.shiftId,
        role: command.role,
      };
      checkKnown(loaded, assignment);
      const present = rota.some((a) => assignmentKey(a) === assignmentKey(assignment));
      if (command.type === 'assign' && present)
        throw ProblemError.conflict('the member already holds this role on this shift');
      if (command.type === 'unassign' && !present)
        throw ProblemError.notFound('the member does not hold this role on this shift');
      const edit: RotaEdit = { type: command.type, assignment };
      const check = validate(loaded.rota.problem, rota, edit);
      if (check.introduced.length > 0) throw ruleBroken(check.introduced, 'this edit');
      const after = applyEdit(rota, edit);
      if (command.type === 'assign') {
        await tx.manager.query(
          `INSERT INTO "scheduling".rota_assignments (tenant_id, rota_id, shift_id, member_id, role, since_revision, assigned_at) VALUES ($1, $2, $3, $4, $5, 0, now())`,
          [context.tenantId, command.rotaId, command.shiftId, command.memberId, command.role],
        );
      } else {
        await tx.manager.query(
          `DELETE FROM "scheduling".rota_assignments WHERE tenant_id = $1 AND rota_id = $2 AND shift_id = $3 AND member_id = $4 AND role = $5`,
          [context.tenantId, command.rotaId, command.shiftId, command.memberId, command.role],
        );
      }
      await this.refreshDraft(tx.manager, loaded, after);
      const reloaded = await loadRota(tx.manager, context.tenantId, command.rotaId);
      return rotaView(
        reloaded,
        await displayNames(
          tx.manager,
          context.tenantId,
          reloaded.assignments.map((a) => a.memberId),
        ),
      );
    });
  }

  private async refreshDraft(
    manager: import('typeorm').EntityManager,
    loaded: LoadedRota,
    after: { memberId: string; shiftId: string; role: string }[],
  ): Promise<void> {
    const { byShift, hard, soft } = unfilledByShift(loaded.rota.problem, after);
    for (const shift of loaded.shifts) {
      await manager.query(
        `UPDATE "scheduling".rota_shifts SET unfilled = $4 WHERE tenant_id = $1 AND rota_id = $2 AND shift_id = $3`,
        [
          loaded.rota.tenantId,
          loaded.rota.rotaId,
          shift.shiftId,
          JSON.stringify(byShift.get(shift.shiftId) ?? []),
        ],
      );
    }
    await manager.query(
      `UPDATE "scheduling".rotas SET hard = $3, soft = $4, updated_at = now() WHERE tenant_id = $1 AND rota_id = $2`,
      [loaded.rota.tenantId, loaded.rota.rotaId, hard, soft],
    );
  }

  @OnRequest(PublishRota)
  async publish(command: RotaRefV1, context: RequestContext): Promise<RotaViewV1> {
    requireCoordinator(context, 'publishes a rota');
    return this.unitOfWork.run(context, async (tx) => {
      const loaded = await loadRota(tx.manager, context.tenantId, command.rotaId, true);
      if (loaded.rota.status !== 'draft')
        throw ProblemError.conflict(`the rota is already ${loaded.rota.status}`);
      if (loaded.rota.hard > 0)
        throw ProblemError.conflict(
          `the draft breaks ${loaded.rota.hard} hard rule(s): edit it before publishing`,
        );
      await publishDraft(tx, loaded);
      const reloaded = await loadRota(tx.manager, context.tenantId, command.rotaId);
      return rotaView(
        reloaded,
        await displayNames(
          tx.manager,
          context.tenantId,
          reloaded.assignments.map((a) => a.memberId),
        ),
      );
    });
  }

  /** A member can no longer work a published shift: repair with as few changes as possible and publish the difference. */
  @OnRequest(WithdrawFromShift)
  async withdraw(command: WithdrawFromShiftV1, context: RequestContext): Promise<RotaViewV1> {
    requireSelfOrCoordinator(context, command.memberId, 'withdraws from a shift');
    return this.unitOfWork.run(context, async (tx) => {
      const loaded = await loadRota(tx.manager, context.tenantId, command.rotaId, true);
      if (loaded.rota.status !== 'published')
        throw ProblemError.conflict(
          `the rota is ${loaded.rota.status}: withdrawals apply to the published rota`,
        );
      if (
        !loaded.assignments.some(
          (a) => a.memberId === command.memberId && a.shiftId === command.shiftId,
        )
      ) {
        throw ProblemError.notFound(
          `member ${command.memberId} is not on shift ${command.shiftId} of this rota`,
        );
      }
      const published = loaded.assignments.map(({ memberId, shiftId, role }) => ({
        memberId,
        shiftId,
        role,
      }));
      const result = repair(loaded.rota.problem, published, {
        type: 'withdraw',
        memberId: command.memberId,
        shiftIds: [command.shiftId],
      });
      const { previousRota: _previous, ...problem } = result.problem;
      await amendPublished(tx, loaded, {
        rota: result.rota,
        problem,
        cause: 'withdrawal',
        memberId: command.memberId,
      });
      const reloaded = await loadRota(tx.manager, context.tenantId, command.rotaId);
      return rotaView(
        reloaded,
        await displayNames(
          tx.manager,
          context.tenantId,
          reloaded.assignments.map((a) => a.memberId),
        ),
      );
    });
  }
}

/** An assignment naming a member, shift or role the rota does not know is refused with the field. */
export function checkKnown(
  loaded: LoadedRota,
  a: { memberId: string; shiftId: string; role: string },
): void {
  const { problem } = loaded.rota;
  const shift = problem.shifts.find((s) => s.id === a.shiftId);
  if (!shift)
    throw ProblemError.badRequest([{ field: 'shiftId', reason: 'no such shift in this rota' }]);
  if (!shift.needs.some((n) => n.role === a.role)) {
    throw ProblemError.badRequest([
      { field: 'role', reason: `the shift needs ${shift.needs.map((n) => n.role).join(', ')}` },
    ]);
  }
  if (!problem.members.some((m) => m.id === a.memberId)) {
    throw ProblemError.badRequest([
      { field: 'memberId', reason: 'no such member in the staff pool of this rota' },
    ]);
  }
}
