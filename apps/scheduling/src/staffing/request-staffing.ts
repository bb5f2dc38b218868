import { EntityManager } from 'typeorm';
import type { StaffingNeedV1 } from '@maillage/contracts';
import { DEFAULT_SETTINGS, solveInWorker } from '@maillage/rostering';
import { buildRotaProblem, StaffRecord } from '../rota/rota-problem.adapter';
import { parisLocal } from '../rota/paris-time';
import { loadStaff } from '../rota/rota-store';
import { StaffingRequestEntity } from './staffing-request.entity';

const S = '"scheduling"';

export interface StaffedPerson {
  memberId: string;
  displayName: string;
}

/** The people the engine puts on each need of the request, in the order of its needs. */
export type RequestStaffing = StaffedPerson[][];

/** What the engine needs to staff one request: the request and who may work then. */
export interface RequestStaffingInput {
  tenantId: string;
  request: StaffingRequestEntity;
  staff: StaffRecord[];
}

/**
 * Reads who may staff the request: the staff pool less the people already on
 * a published shift that overlaps the session, or ends or starts within the
 * minimum rest of it.
 */
export async function loadRequestStaffingInput(
  manager: EntityManager,
  tenantId: string,
  request: StaffingRequestEntity,
): Promise<RequestStaffingInput> {
  const busy = await membersBusyAround(manager, tenantId, request.startsAt, request.endsAt);
  const staff = (await loadStaff(manager, tenantId)).filter((s) => !busy.has(s.memberId));
  return { tenantId, request, staff };
}

/**
 * Staffs one campaign session's request with the rota engine, as a rota job
 * would: qualification, declared availability (weekly pattern, exceptions,
 * leaving date), monthly caps, lent staff within their agreement, fairness.
 * Runs in a worker thread, outside any transaction.
 */
export async function staffRequestWithEngine(
  { tenantId, request, staff }: RequestStaffingInput,
  options: { timeLimitMs?: number; seed?: number } = {},
): Promise<RequestStaffing> {
  const { problem } = buildRotaProblem({
    tenantId,
    periodStart: parisLocal(request.startsAt).date,
    periodEnd: parisLocal(request.endsAt).date,
    sites: [],
    sessions: [],
    requests: [
      {
        requestId: request.requestId,
        title: request.title,
        siteId: request.siteId,
        startsAt: request.startsAt,
        endsAt: request.endsAt,
        needs: request.needs,
      },
    ],
    staff,
  });
  const result = await solveInWorker(problem, {
    timeLimitMs: options.timeLimitMs ?? 1_000,
    seed: options.seed ?? 1,
  });
  const names = new Map(staff.map((s) => [s.memberId, s.displayName]));
  return assigneesByNeed(
    request.needs,
    result.rota.map((a) => ({ memberId: a.memberId, role: a.role })),
    names,
  );
}

/** The adapter names a need's role `profession+skill`: the engine's assignments go back to the need they fill. */
export function assigneesByNeed(
  needs: StaffingNeedV1[],
  assignments: { memberId: string; role: string }[],
  names: Map<string, string>,
): RequestStaffing {
  const byNeed: RequestStaffing = needs.map(() => []);
  for (const { memberId, role } of assignments) {
    const index = needs.findIndex(
      (n, i) =>
        [n.profession, n.skill].filter(Boolean).join('+') === role && byNeed[i].length < n.count,
    );
    if (index >= 0) byNeed[index].push({ memberId, displayName: names.get(memberId) ?? memberId });
  }
  return byNeed;
}

async function membersBusyAround(
  manager: EntityManager,
  tenantId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<Set<string>> {
  const rest = `${DEFAULT_SETTINGS.minRestMinutes} minutes`;
  const rows: { member_id: string }[] = await manager.query(
    `SELECT DISTINCT a.member_id FROM ${S}.rota_assignments a
       JOIN ${S}.rota_shifts s ON s.tenant_id = a.tenant_id AND s.rota_id = a.rota_id AND s.shift_id = a.shift_id
       JOIN ${S}.rotas r ON r.tenant_id = a.tenant_id AND r.rota_id = a.rota_id AND r.status = 'published'
      WHERE a.tenant_id = $1 AND s.starts_at < $3::timestamptz + $4::interval AND s.ends_at > $2::timestamptz - $4::interval`,
    [tenantId, startsAt, endsAt, rest],
  );
  return new Set(rows.map((r) => r.member_id));
}
