import { EntityManager } from 'typeorm';
import {
  MemberAvailabilityV1,
  ProblemError,
  RotaStatus,
  SnpBandV1,
  StaffingNeedV1,
  VaccinationLineV1,
} from '@maillage/contracts';
import { Assignment, RotaProblem } from '@maillage/rostering';
import { SqlRow } from './access';
import {
  LoanRecord,
  RotaInput,
  SiteRecord,
  StaffRecord,
  StaffingRequestRecord,
  VaccinationSessionRecord,
} from './rota-problem.adapter';

/** Plain SQL over scheduling's own tables: rotas, their shifts and assignments, and the inputs of a solve. */

export interface RotaRecord {
  tenantId: string;
  rotaId: string;
  jobId: string;
  status: RotaStatus;
  revision: number;
  siteIds: string[];
  periodStart: string;
  periodEnd: string;
  problem: RotaProblem;
  hard: number;
  soft: number;
  updatedAt: Date;
}

export interface UnfilledRecord {
  role: string;
  missing: number;
  explanation: string;
}

export interface ShiftRecord {
  shiftId: string;
  siteId: string | null;
  staffingRequestId: string | null;
  label: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  needs: { role: string; count: number; professions?: string[]; skills?: string[] }[];
  unfilled: UnfilledRecord[];
  changedRevision: number;
  changedAt: Date;
}

export interface AssignmentRecord extends Assignment {
  sinceRevision: number;
  assignedAt: Date;
}

export interface LoadedRota {
  rota: RotaRecord;
  shifts: ShiftRecord[];
  assignments: AssignmentRecord[];
}

const S = '"scheduling"';

const tableExists = async (manager: EntityManager, table: string): Promise<boolean> =>
  (
    (await manager.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [
      `scheduling.${table}`,
    ])) as { present: boolean }[]
  )[0].present;

const isoDate = (value: Date | string | null): string | null =>
  value === null
    ? null
    : typeof value === 'string'
      ? value.slice(0, 10)
      : value.toISOString().slice(0, 10);

export async function loadSites(
  manager: EntityManager,
  tenantId: string,
  siteIds?: string[],
): Promise<SiteRecord[]> {
  const rows: SqlRow[] = await manager.query(
    `SELECT site_id, kind, name, commune, lines, bands FROM ${S}.sites WHERE tenant_id = $1 ${siteIds ? 'AND site_id = ANY($2::uuid[])' : ''} ORDER BY name, site_id`,
    siteIds ? [tenantId, siteIds] : [tenantId],
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    kind: r.kind,
    name: r.name,
    commune: r.commune,
    lines: r.lines as VaccinationLineV1[] | null,
    bands: r.bands as SnpBandV1[] | null,
  }));
}

/** Everything the engine needs to staff these sites over these days, read in one transaction. */
export async function loadRotaInput(
  manager: EntityManager,
  tenantId: string,
  siteIds: string[],
  periodStart: string,
  periodEnd: string,
): Promise<RotaInput> {
  const sites = await loadSites(manager, tenantId, siteIds);
  const sessionRows: SqlRow[] = await manager.query(
    `SELECT session_id, site_id, line, to_char(day, 'YYYY-MM-DD') AS day, start_minute, end_minute, boxes FROM ${S}.vaccination_sessions
      WHERE tenant_id = $1 AND site_id = ANY($2::uuid[]) AND day BETWEEN $3 AND $4 ORDER BY day, site_id, line, start_minute`,
    [tenantId, siteIds, periodStart, periodEnd],
  );
  const sessions: VaccinationSessionRecord[] = sessionRows.map((r) => ({
    sessionId: r.session_id,
    siteId: r.site_id,
    line: r.line,
    day: r.day,
    startMinute: r.start_minute,
    endMinute: r.end_minute,
    boxes: r.boxes,
  }));
  // staffing requests of campaign sessions are recorded by the staffing desk (staffing/); one it
  // has already staffed and published, or one withdrawn, is not staffed again
  let requests: StaffingRequestRecord[] = [];
  if (await tableExists(manager, 'staffing_requests')) {
    const rows: SqlRow[] = await manager.query(
      `SELECT request_id, title, site_id, starts_at, ends_at, needs FROM ${S}.staffing_requests
        WHERE tenant_id = $1 AND status = 'open' AND starts_at >= ($2::date - interval '1 day') AND starts_at < ($3::date + interval '2 days')
        ORDER BY starts_at, request_id`,
      [tenantId, periodStart, periodEnd],
    );
    requests = rows.map((r) => ({
      requestId: r.request_id,
      title: r.title,
      siteId: r.site_id,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      needs: r.needs as StaffingNeedV1[],
    }));
  }
  return {
    tenantId,
    periodStart,
    periodEnd,
    sites,
    sessions,
    requests,
    staff: await loadStaff(manager, tenantId),
  };
}

/** The staff pool, read as JSON so columns added by the pool's own migrations (left_on, erased_at) are optional here. */
export async function loadStaff(manager: EntityManager, tenantId: string): Promise<StaffRecord[]> {
  const rows: { row: SqlRow }[] = await manager.query(
    `SELECT to_jsonb(s) AS row FROM ${S}.staff_members s WHERE tenant_id = $1 AND active ORDER BY display_name, member_id`,
    [tenantId],
  );
  const loans = new Map<string, LoanRecord>();
  if (await tableExists(manager, 'staff_loans')) {
    const loanRows: { row: SqlRow }[] = await manager.query(
      `SELECT to_jsonb(l) AS row FROM ${S}.staff_loans l WHERE tenant_id = $1`,
      [tenantId],
    );
    for (const { row } of loanRows) {
      if (row.ended_on) continue;
      loans.set(row.staff_id, {
        loanId: `${row.agreement_id}:${row.clause_id ?? ''}`,
        partnerName: row.partner_name ?? 'partner',
        siteIds: row.site_ids ?? [],
        startsOn: row.starts_on ?? null,
        endsOn: row.ends_on ?? null,
        maxHoursPerMonth: row.max_hours_per_month ?? null,
      });
    }
  }
  return rows
    .map(({ row }) => row)
    .filter((row) => !row.erased_at)
    .filter((row) => row.source !== 'lent' || loans.has(row.member_id))
    .map((row) => ({
      memberId: row.member_id,
      displayName: row.display_name,
      profession: row.profession,
      skills: row.skills ?? [],
      communes: row.communes ?? [],
      availability: (row.availability ?? { weekly: [], exceptions: [] }) as MemberAvailabilityV1,
      leftOn: row.left_on ?? null,
      ...(loans.has(row.member_id) ? { loan: loans.get(row.member_id) } : {}),
    }));
}

export async function displayNames(
  manager: EntityManager,
  tenantId: string,
  memberIds: string[],
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows: { member_id: string; display_name: string }[] = await manager.query(
    `SELECT member_id, display_name FROM ${S}.staff_members WHERE tenant_id = $1 AND member_id = ANY($2::uuid[])`,
    [tenantId, [...new Set(memberIds)]],
  );
  return new Map(rows.map((r) => [r.member_id, r.display_name]));
}

function toRota(r: SqlRow): RotaRecord {
  return {
    tenantId: r.tenant_id,
    rotaId: r.rota_id,
    jobId: r.job_id,
    status: r.status,
    revision: r.revision,
    siteIds: r.site_ids,
    periodStart: isoDate(r.period_start)!,
    periodEnd: isoDate(r.period_end)!,
    problem: r.problem,
    hard: r.hard,
    soft: r.soft,
    updatedAt: r.updated_at,
  };
}

/** A rota with its shifts and assignments; `lock` serialises every change of one rota (claims, swaps, repairs). */
export async function loadRota(
  manager: EntityManager,
  tenantId: string,
  rotaId: string,
  lock = false,
): Promise<LoadedRota> {
  const rows: SqlRow[] = await manager.query(
    `SELECT *, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end
       FROM ${S}.rotas WHERE tenant_id = $1 AND rota_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [tenantId, rotaId],
  );
  if (rows.length === 0) throw ProblemError.notFound(`no rota ${rotaId} in this CPTS`);
  const shiftRows: SqlRow[] = await manager.query(
    `SELECT * FROM ${S}.rota_shifts WHERE tenant_id = $1 AND rota_id = $2 ORDER BY starts_at, label, shift_id`,
    [tenantId, rotaId],
  );
  const assignmentRows: SqlRow[] = await manager.query(
    `SELECT * FROM ${S}.rota_assignments WHERE tenant_id = $1 AND rota_id = $2 ORDER BY shift_id, role, member_id`,
    [tenantId, rotaId],
  );
  return {
    rota: toRota(rows[0]),
    shifts: shiftRows.map((r) => ({
      shiftId: r.shift_id,
      siteId: r.site_id,
      staffingRequestId: r.staffing_request_id,
      label: r.label,
      kind: r.kind,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      needs: r.needs,
      unfilled: r.unfilled,
      changedRevision: r.changed_revision,
      changedAt: r.changed_at,
    })),
    assignments: assignmentRows.map((r) => ({
      memberId: r.member_id,
      shiftId: r.shift_id,
      role: r.role,
      sinceRevision: r.since_revision,
      assignedAt: r.assigned_at,
    })),
  };
}

export async function listRotas(
  manager: EntityManager,
  tenantId: string,
  status?: RotaStatus,
): Promise<RotaRecord[]> {
  const rows: SqlRow[] = await manager.query(
    `SELECT *, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end
       FROM ${S}.rotas WHERE tenant_id = $1 ${status ? 'AND status = $2' : ''} ORDER BY created_at DESC LIMIT 200`,
    status ? [tenantId, status] : [tenantId],
  );
  return rows.map(toRota);
}

export const assignmentKey = (a: Assignment): string => `${a.memberId}|${a.shiftId}|${a.role}`;
