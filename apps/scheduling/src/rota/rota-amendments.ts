import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  EventContract,
  RotaAmended,
  RotaAssignmentChangeV1,
  RotaPublished,
  RotaPublishedV1,
  ROTA_CHANGE_CAUSES,
  ShiftOpened,
} from '@maillage/contracts';
import { Assignment, explain, RotaProblem, validate } from '@maillage/rostering';
import { parisIso } from './paris-time';
import { ShiftMeta } from './rota-problem.adapter';
import { assignmentKey, LoadedRota, ShiftRecord, UnfilledRecord } from './rota-store';

/** What a change of a rota needs: the transaction and the outbox (a UnitOfWork transaction or an EventContext). */
export interface RotaTransaction {
  manager: EntityManager;
  emit<P extends object>(contract: EventContract<P>, payload: P): Promise<unknown>;
}

export type RotaChangeCause = (typeof ROTA_CHANGE_CAUSES)[number];

const S = '"scheduling"';

/** The engine's explanation of every unfilled need, grouped by shift. */
export function unfilledByShift(
  problem: RotaProblem,
  rota: Assignment[],
): { byShift: Map<string, UnfilledRecord[]>; hard: number; soft: number } {
  const explanation = explain(problem, rota);
  const byShift = new Map<string, UnfilledRecord[]>();
  for (const u of explanation.unfilled) {
    byShift.set(u.shiftId, [
      ...(byShift.get(u.shiftId) ?? []),
      { role: u.role, missing: u.missing, explanation: u.message },
    ]);
  }
  return { byShift, hard: explanation.hard, soft: explanation.soft };
}

/** Stores a freshly solved draft. */
export async function insertDraft(
  manager: EntityManager,
  draft: {
    tenantId: string;
    rotaId: string;
    jobId: string;
    siteIds: string[];
    periodStart: string;
    periodEnd: string;
    problem: RotaProblem;
    shifts: ShiftMeta[];
    rota: Assignment[];
  },
): Promise<{ unfilled: number; hard: number }> {
  const { byShift, hard, soft } = unfilledByShift(draft.problem, draft.rota);
  const now = new Date();
  await manager.query(
    `INSERT INTO ${S}.rotas (tenant_id, rota_id, job_id, status, revision, site_ids, period_start, period_end, problem, hard, soft, created_at, updated_at)
     VALUES ($1, $2, $3, 'draft', 0, $4::uuid[], $5, $6, $7, $8, $9, $10, $10)`,
    [
      draft.tenantId,
      draft.rotaId,
      draft.jobId,
      draft.siteIds,
      draft.periodStart,
      draft.periodEnd,
      JSON.stringify(draft.problem),
      hard,
      soft,
      now,
    ],
  );
  const needsOf = new Map(draft.problem.shifts.map((s) => [s.id, s.needs]));
  for (const meta of draft.shifts) {
    await manager.query(
      `INSERT INTO ${S}.rota_shifts (tenant_id, rota_id, shift_id, site_id, staffing_request_id, label, kind, starts_at, ends_at, needs, unfilled, changed_revision, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12)`,
      [
        draft.tenantId,
        draft.rotaId,
        meta.shiftId,
        meta.siteId ?? null,
        meta.staffingRequestId ?? null,
        meta.label,
        meta.kind,
        meta.startsAt,
        meta.endsAt,
        JSON.stringify(needsOf.get(meta.shiftId) ?? []),
        JSON.stringify(byShift.get(meta.shiftId) ?? []),
        now,
      ],
    );
  }
  await insertAssignments(manager, draft.tenantId, draft.rotaId, draft.rota, 0, now);
  return { unfilled: [...byShift.values()].flat().reduce((n, u) => n + u.missing, 0), hard };
}

async function insertAssignments(
  manager: EntityManager,
  tenantId: string,
  rotaId: string,
  rota: Assignment[],
  revision: number,
  at: Date,
): Promise<void> {
  for (let i = 0; i < rota.length; i += 500) {
    const chunk = rota.slice(i, i + 500);
    await manager.query(
      `INSERT INTO ${S}.rota_assignments (tenant_id, rota_id, shift_id, member_id, role, since_revision, assigned_at)
       SELECT $1, $2, x.shift_id, x.member_id, x.role, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS x(shift_id uuid, member_id uuid, role text)`,
      [
        tenantId,
        rotaId,
        revision,
        at,
        JSON.stringify(
          chunk.map((a) => ({ shift_id: a.shiftId, member_id: a.memberId, role: a.role })),
        ),
      ],
    );
  }
}

/** The complete published rota, as scheduling.rota.published.v1 says it: one entry per shift and role. */
export function publishedPayload(
  loaded: LoadedRota,
  problem: RotaProblem,
  rota: Assignment[],
  revision: number,
): RotaPublishedV1 {
  const names = new Map(problem.members.map((m) => [m.id, m.name ?? m.id]));
  const start = loaded.shifts.reduce(
    (min, s) => (s.startsAt < min ? s.startsAt : min),
    new Date(`${loaded.rota.periodStart}T00:00:00Z`),
  );
  const end = loaded.shifts.reduce(
    (max, s) => (s.endsAt > max ? s.endsAt : max),
    new Date(`${loaded.rota.periodEnd}T23:59:00Z`),
  );
  return {
    rotaId: loaded.rota.rotaId,
    revision,
    periodStart: parisIso(start),
    periodEnd: parisIso(end),
    shifts: loaded.shifts.flatMap((shift) =>
      shift.needs.map((need) => ({
        shiftId: shift.shiftId,
        startsAt: parisIso(shift.startsAt),
        endsAt: parisIso(shift.endsAt),
        ...(shift.siteId ? { siteId: shift.siteId } : {}),
        ...(need.professions?.[0] ? { profession: need.professions[0] } : {}),
        ...(need.skills?.[0] ? { skill: need.skills[0] } : {}),
        headcount: need.count,
        assignees: rota
          .filter((a) => a.shiftId === shift.shiftId && a.role === need.role)
          .map((a) => ({
            memberId: a.memberId,
            displayName: (names.get(a.memberId) ?? a.memberId).slice(0, 200),
          })),
        ...(shift.staffingRequestId ? { staffingRequestId: shift.staffingRequestId } : {}),
      })),
    ),
  };
}

/** First publication of a draft: it replaces any published rota of the same sites over the same days. */
export async function publishDraft(tx: RotaTransaction, loaded: LoadedRota): Promise<void> {
  const { rota } = loaded;
  const now = new Date();
  const superseded: { rota_id: string }[] = await tx.manager.query(
    `UPDATE ${S}.rotas SET status = 'superseded', updated_at = $5
      WHERE tenant_id = $1 AND status = 'published' AND rota_id <> $2 AND site_ids && $3::uuid[]
        AND period_start <= $4::date AND period_end >= $6::date RETURNING rota_id`,
    [rota.tenantId, rota.rotaId, rota.siteIds, rota.periodEnd, now, rota.periodStart],
  );
  const supersededIds = (
    Array.isArray(superseded[0]) ? (superseded[0] as { rota_id: string }[]) : superseded
  ).map((r) => r.rota_id);
  if (supersededIds.length) {
    await tx.manager.query(
      `UPDATE ${S}.open_shifts SET status = 'closed', remaining = 0, updated_at = $3 WHERE tenant_id = $1 AND rota_id = ANY($2::uuid[]) AND status = 'open'`,
      [rota.tenantId, supersededIds, now],
    );
  }
  await tx.manager.query(
    `UPDATE ${S}.rotas SET status = 'published', revision = 1, published_at = $3, updated_at = $3 WHERE tenant_id = $1 AND rota_id = $2`,
    [rota.tenantId, rota.rotaId, now],
  );
  await tx.manager.query(
    `UPDATE ${S}.rota_shifts SET changed_revision = 1, changed_at = $3 WHERE tenant_id = $1 AND rota_id = $2`,
    [rota.tenantId, rota.rotaId, now],
  );
  await tx.manager.query(
    `UPDATE ${S}.rota_assignments SET since_revision = 1, assigned_at = $3 WHERE tenant_id = $1 AND rota_id = $2`,
    [rota.tenantId, rota.rotaId, now],
  );
  const assignments = loaded.assignments.map(({ memberId, shiftId, role }) => ({
    memberId,
    shiftId,
    role,
  }));
  await tx.emit(RotaPublished, publishedPayload(loaded, rota.problem, assignments, 1));
  await syncCallOuts(tx, loaded, rota.problem, assignments);
}

/**
 * A change of a published rota (repair, claim, swap): writes the difference,
 * bumps the revision, marks the shifts it touched (calendar SEQUENCE), and
 * publishes both the difference and the complete rota.
 */
export async function amendPublished(
  tx: RotaTransaction,
  loaded: LoadedRota,
  change: {
    rota: Assignment[];
    problem?: RotaProblem;
    cause: RotaChangeCause;
    memberId?: string;
    /** shifts that no longer exist (a cancelled session): their assignments must be gone from `rota` */
    dropShifts?: string[];
  },
): Promise<{ revision: number; added: Assignment[]; removed: Assignment[] }> {
  const { rota } = loaded;
  const shiftOf = new Map(loaded.shifts.map((s) => [s.shiftId, s]));
  const dropped = new Set(change.dropShifts ?? []);
  const problem = change.problem ?? rota.problem;
  const before = new Map(loaded.assignments.map((a) => [assignmentKey(a), a]));
  const after = new Map(change.rota.map((a) => [assignmentKey(a), a]));
  const added = [...after.values()].filter((a) => !before.has(assignmentKey(a)));
  const removed = [...before.values()]
    .filter((a) => !after.has(assignmentKey(a)))
    .map(({ memberId, shiftId, role }) => ({ memberId, shiftId, role }));
  const revision = rota.revision + 1;
  const now = new Date();
  for (const a of removed) {
    await tx.manager.query(
      `DELETE FROM ${S}.rota_assignments WHERE tenant_id = $1 AND rota_id = $2 AND shift_id = $3 AND member_id = $4 AND role = $5`,
      [rota.tenantId, rota.rotaId, a.shiftId, a.memberId, a.role],
    );
  }
  await insertAssignments(tx.manager, rota.tenantId, rota.rotaId, added, revision, now);
  if (dropped.size) {
    await tx.manager.query(
      `DELETE FROM ${S}.rota_shifts WHERE tenant_id = $1 AND rota_id = $2 AND shift_id = ANY($3::uuid[])`,
      [rota.tenantId, rota.rotaId, [...dropped]],
    );
    loaded.shifts = loaded.shifts.filter((s) => !dropped.has(s.shiftId));
  }
  const { byShift, hard, soft } = unfilledByShift(problem, change.rota);
  const touched = new Set([...added, ...removed].map((a) => a.shiftId));
  for (const shift of loaded.shifts) {
    const unfilled = byShift.get(shift.shiftId) ?? [];
    const moved = touched.has(shift.shiftId);
    if (!moved && JSON.stringify(unfilled) === JSON.stringify(shift.unfilled)) continue;
    await tx.manager.query(
      `UPDATE ${S}.rota_shifts SET unfilled = $4 ${moved ? ', changed_revision = $5, changed_at = $6' : ''} WHERE tenant_id = $1 AND rota_id = $2 AND shift_id = $3`,
      moved
        ? [rota.tenantId, rota.rotaId, shift.shiftId, JSON.stringify(unfilled), revision, now]
        : [rota.tenantId, rota.rotaId, shift.shiftId, JSON.stringify(unfilled)],
    );
    shift.unfilled = unfilled;
  }
  await tx.manager.query(
    `UPDATE ${S}.rotas SET revision = $3, problem = $4, hard = $5, soft = $6, updated_at = $7 WHERE tenant_id = $1 AND rota_id = $2`,
    [rota.tenantId, rota.rotaId, revision, JSON.stringify(problem), hard, soft, now],
  );
  const describe = (a: Assignment): RotaAssignmentChangeV1 => ({
    shiftId: a.shiftId,
    memberId: a.memberId,
    role: a.role,
    startsAt: parisIso(shiftOf.get(a.shiftId)!.startsAt),
    endsAt: parisIso(shiftOf.get(a.shiftId)!.endsAt),
  });
  await tx.emit(RotaAmended, {
    rotaId: rota.rotaId,
    revision,
    cause: change.cause,
    ...(change.memberId ? { memberId: change.memberId } : {}),
    added: added.map(describe),
    removed: removed.map(describe),
  });
  await tx.emit(RotaPublished, publishedPayload(loaded, problem, change.rota, revision));
  await syncCallOuts(tx, loaded, problem, change.rota);
  return { revision, added, removed };
}

/**
 * Members a call-out goes to: qualified for the need and free by every hard
 * rule. Cheap filters first (availability, already working that day), then the
 * engine's validate on each remaining candidate until the deadline.
 */
export function eligibleMembers(
  problem: RotaProblem,
  rota: Assignment[],
  shiftId: string,
  role: string,
  deadline = Date.now() + 1_000,
): string[] {
  const shift = problem.shifts.find((s) => s.id === shiftId);
  const need = shift?.needs.find((n) => n.role === role);
  if (!shift || !need) return [];
  const dayOf = new Map(problem.shifts.map((s) => [s.id, s.day]));
  const busy = new Set(
    rota.filter((a) => dayOf.get(a.shiftId) === shift.day).map((a) => a.memberId),
  );
  const candidates = problem.members.filter(
    (m) =>
      (!need.professions?.length || need.professions.includes(m.profession)) &&
      (need.skills ?? []).every((k) => m.skills?.includes(k)) &&
      !busy.has(m.id) &&
      !m.daysOff?.includes(shift.day) &&
      !m.unavailableShiftIds?.includes(shift.id) &&
      (!m.availability ||
        m.availability.some(
          (w) => w.day === shift.day && w.start <= shift.start && shift.end <= w.end,
        )),
  );
  const eligible: string[] = [];
  for (const m of candidates) {
    if (Date.now() > deadline) break;
    const check = validate(problem, rota, {
      type: 'assign',
      assignment: { memberId: m.id, shiftId, role },
    });
    if (check.introduced.length === 0) eligible.push(m.id);
  }
  return eligible;
}

/**
 * Keeps one open call-out per gap of a published rota: a new gap is broadcast
 * (scheduling.shift.opened.v1), a gap filled otherwise closes its call-out.
 */
export async function syncCallOuts(
  tx: RotaTransaction,
  loaded: LoadedRota,
  problem: RotaProblem,
  rota: Assignment[],
): Promise<void> {
  const { tenantId, rotaId } = loaded.rota;
  const open: { open_shift_id: string; shift_id: string; role: string }[] = await tx.manager.query(
    `SELECT open_shift_id, shift_id, role FROM ${S}.open_shifts WHERE tenant_id = $1 AND rota_id = $2 AND status = 'open'`,
    [tenantId, rotaId],
  );
  const now = new Date();
  const gaps = new Map<string, { shift: ShiftRecord; unfilled: UnfilledRecord }>();
  for (const shift of loaded.shifts)
    for (const u of shift.unfilled) gaps.set(`${shift.shiftId}|${u.role}`, { shift, unfilled: u });
  for (const row of open) {
    const gap = gaps.get(`${row.shift_id}|${row.role}`);
    if (gap) {
      await tx.manager.query(
        `UPDATE ${S}.open_shifts SET remaining = $3, positions = GREATEST(positions, $3), explanation = $4, updated_at = $5 WHERE tenant_id = $1 AND open_shift_id = $2`,
        [tenantId, row.open_shift_id, gap.unfilled.missing, gap.unfilled.explanation, now],
      );
      gaps.delete(`${row.shift_id}|${row.role}`);
    } else {
      await tx.manager.query(
        `UPDATE ${S}.open_shifts SET status = 'closed', remaining = 0, updated_at = $3 WHERE tenant_id = $1 AND open_shift_id = $2`,
        [tenantId, row.open_shift_id, now],
      );
    }
  }
  // the call-outs of one change share a budget for checking who may take them
  const deadline = Date.now() + 2_000;
  for (const { shift, unfilled } of gaps.values()) {
    const openShiftId = randomUUID();
    const audience = eligibleMembers(problem, rota, shift.shiftId, unfilled.role, deadline);
    await tx.manager.query(
      `INSERT INTO ${S}.open_shifts (tenant_id, open_shift_id, rota_id, shift_id, role, positions, remaining, status, explanation, created_at, updated_at, audience)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'open', $7, $8, $8, $9::uuid[])`,
      [
        tenantId,
        openShiftId,
        rotaId,
        shift.shiftId,
        unfilled.role,
        unfilled.missing,
        unfilled.explanation,
        now,
        audience,
      ],
    );
    await tx.emit(ShiftOpened, {
      openShiftId,
      rotaId,
      shiftId: shift.shiftId,
      ...(shift.siteId ? { siteId: shift.siteId } : {}),
      label: shift.label.slice(0, 300),
      startsAt: parisIso(shift.startsAt),
      endsAt: parisIso(shift.endsAt),
      role: unfilled.role,
      positions: unfilled.missing,
      eligibleMemberIds: audience,
      explanation: unfilled.explanation.slice(0, 2000),
    });
  }
}
