import { createHash } from 'node:crypto';
import type {
  MemberAvailabilityV1,
  SnpBandV1,
  StaffingNeedV1,
  VaccinationLineV1,
} from '@maillage/contracts';
import {
  Assignment,
  AvailabilityWindow,
  Member,
  Need,
  RotaProblem,
  Shift,
  StaffLoan,
} from '@maillage/rostering';
import {
  addDays,
  daysBetween,
  hhmmToMinutes,
  isoWeekday,
  parisInstant,
  parisIso,
  parisLocal,
} from './paris-time';

/**
 * Turns scheduling's read models (sites, dose supply, staffing requests, the
 * staff pool) into the engine's RotaProblem. Adaptations of the engine's API:
 * - a member's declared monthly cap is a number of shifts; the engine knows
 *   hours (maxMinutes) and shifts per kind: both are set from the cap;
 * - a weekly slot's `sites`/`bands` restrictions and preferred bands are not
 *   passed (the engine has no per-window scope); preferred sites are;
 * - travel distances are not known yet (no travelKm).
 */

export interface SiteRecord {
  siteId: string;
  kind: 'vaccination-centre' | 'snp-sector';
  name: string;
  commune: string | null;
  lines: VaccinationLineV1[] | null;
  bands: SnpBandV1[] | null;
}

export interface VaccinationSessionRecord {
  sessionId: string;
  siteId: string;
  line: string;
  day: string;
  startMinute: number;
  endMinute: number;
  boxes: number;
}

export interface StaffingRequestRecord {
  requestId: string;
  title: string;
  siteId: string | null;
  startsAt: Date;
  endsAt: Date;
  needs: StaffingNeedV1[];
}

export interface LoanRecord {
  loanId: string;
  partnerName: string;
  siteIds: string[];
  startsOn: string | null;
  endsOn: string | null;
  maxHoursPerMonth: number | null;
}

export interface StaffRecord {
  memberId: string;
  displayName: string;
  profession: string;
  skills: { code: string }[];
  communes: string[];
  availability: MemberAvailabilityV1;
  leftOn: string | null;
  loan?: LoanRecord;
}

/** What the engine does not keep about a shift: where and when it really is. */
export interface ShiftMeta {
  shiftId: string;
  siteId?: string;
  staffingRequestId?: string;
  label: string;
  kind: string;
  startsAt: string;
  endsAt: string;
}

export interface RotaInput {
  tenantId: string;
  periodStart: string;
  periodEnd: string;
  sites: SiteRecord[];
  sessions: VaccinationSessionRecord[];
  requests: StaffingRequestRecord[];
  staff: StaffRecord[];
  previousRota?: Assignment[];
}

/** A UUID that is the same for the same thing (site, line, day, hours): shifts and calendar UIDs stay stable across re-solves. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export const VACCINATION_SKILL = 'can-vaccinate';

export function buildRotaProblem(input: RotaInput): { problem: RotaProblem; shifts: ShiftMeta[] } {
  const days = daysBetween(input.periodStart, input.periodEnd) + 1;
  const shifts: Shift[] = [];
  const metas: ShiftMeta[] = [];
  const add = (
    shift: Shift,
    meta: Omit<ShiftMeta, 'shiftId' | 'startsAt' | 'endsAt' | 'label' | 'kind'>,
  ) => {
    const date = addDays(input.periodStart, shift.day);
    shifts.push(shift);
    metas.push({
      shiftId: shift.id,
      label: shift.label ?? shift.kind,
      kind: shift.kind,
      ...meta,
      startsAt: parisIso(parisInstant(date, shift.start)),
      endsAt: parisIso(parisInstant(date, shift.end)),
    });
  };
  const selected = new Set(input.sites.map((s) => s.siteId));

  for (const session of input.sessions) {
    const site = input.sites.find((s) => s.siteId === session.siteId);
    const day = daysBetween(input.periodStart, session.day);
    if (!site || day < 0 || day >= days || session.boxes <= 0) continue;
    const needs: Need[] = [
      { role: 'doctor', count: session.boxes, professions: ['doctor'] },
      { role: 'nurse', count: session.boxes, professions: ['nurse'], skills: [VACCINATION_SKILL] },
    ];
    add(
      {
        id: stableUuid(
          input.tenantId,
          'vaccination',
          site.siteId,
          session.line,
          session.day,
          String(session.startMinute),
        ),
        kind: 'vaccination',
        day,
        start: session.startMinute,
        end: session.endMinute,
        siteId: site.siteId,
        label: `${site.name} — ${session.line}`,
        needs,
      },
      { siteId: site.siteId },
    );
  }

  for (const site of input.sites) {
    if (site.kind !== 'snp-sector') continue;
    for (let day = 0; day < days; day++) {
      const date = addDays(input.periodStart, day);
      for (const band of site.bands ?? []) {
        if (band.weekdays && !band.weekdays.includes(isoWeekday(date))) continue;
        const start = hhmmToMinutes(band.start);
        let end = hhmmToMinutes(band.end);
        if (end <= start) end += 1440;
        add(
          {
            id: stableUuid(input.tenantId, 'snp', site.siteId, date, band.band),
            kind: `snp-${band.band}`,
            day,
            start,
            end,
            siteId: site.siteId,
            label: `${site.name} — SNP ${band.band}`,
            needs: [{ role: 'gp', count: band.doctors, professions: ['doctor'] }],
          },
          { siteId: site.siteId },
        );
      }
    }
  }

  for (const request of input.requests) {
    if (request.siteId && !selected.has(request.siteId)) continue;
    const from = parisLocal(request.startsAt);
    const to = parisLocal(request.endsAt);
    const day = daysBetween(input.periodStart, from.date);
    if (day < 0 || day >= days) continue;
    const end = daysBetween(from.date, to.date) * 1440 + to.minutes;
    if (end <= from.minutes) continue;
    const needs: Need[] = request.needs.map((n) => ({
      role: [n.profession, n.skill].filter(Boolean).join('+'),
      count: n.count,
      ...(n.profession ? { professions: [n.profession] } : {}),
      ...(n.skill ? { skills: [n.skill] } : {}),
    }));
    add(
      {
        id: stableUuid(input.tenantId, 'staffing-request', request.requestId),
        kind: 'campaign',
        day,
        start: from.minutes,
        end,
        ...(request.siteId ? { siteId: request.siteId } : {}),
        label: request.title,
        needs,
      },
      {
        ...(request.siteId ? { siteId: request.siteId } : {}),
        staffingRequestId: request.requestId,
      },
    );
  }

  const longest = shifts.reduce((max, s) => Math.max(max, s.end - s.start), 0);
  const kinds = [...new Set(shifts.map((s) => s.kind))];
  const loans: StaffLoan[] = [];
  const members: Member[] = input.staff.map((s) => {
    const { availability, daysOff } = memberAvailability(
      s.availability,
      input.periodStart,
      days,
      s.leftOn,
      s.loan,
    );
    const cap = s.availability.monthlyShiftCap;
    const member: Member = {
      id: s.memberId,
      name: s.displayName,
      profession: s.profession,
      skills: s.skills.map((k) => k.code),
      communes: s.communes,
      availability,
      ...(daysOff.length ? { daysOff } : {}),
      ...(cap !== undefined
        ? {
            maxMinutes: cap * longest,
            maxShiftsByKind: Object.fromEntries(kinds.map((k) => [k, cap])),
          }
        : {}),
      ...(s.availability.preferredSiteIds?.length
        ? {
            preferences: s.availability.preferredSiteIds.map((siteId) => ({
              type: 'prefers' as const,
              siteId,
              weight: 1,
            })),
          }
        : {}),
    };
    if (s.loan) {
      if (!loans.some((l) => l.id === s.loan!.loanId)) {
        loans.push({
          id: s.loan.loanId,
          partner: s.loan.partnerName,
          ...(s.loan.siteIds.length ? { siteIds: s.loan.siteIds } : {}),
          fromDay: s.loan.startsOn
            ? Math.max(0, daysBetween(input.periodStart, s.loan.startsOn))
            : 0,
          toDay: s.loan.endsOn
            ? Math.min(days - 1, daysBetween(input.periodStart, s.loan.endsOn))
            : days - 1,
          ...(s.loan.maxHoursPerMonth ? { maxMinutes: s.loan.maxHoursPerMonth * 60 } : {}),
        });
      }
      member.loanId = s.loan.loanId;
    }
    return member;
  });

  const sites = input.sites.map((s) => ({
    id: s.siteId,
    name: s.name,
    ...(s.commune ? { commune: s.commune } : {}),
    ...(s.lines ? { boxes: s.lines.reduce((n, l) => n + l.boxes, 0) } : {}),
  }));
  const problem: RotaProblem = {
    startDate: input.periodStart,
    days,
    sites,
    shifts,
    members,
    ...(loans.length ? { loans } : {}),
    ...(input.previousRota?.length ? { previousRota: input.previousRota } : {}),
  };
  return { problem, shifts: metas };
}

/**
 * A member's weekly pattern and exceptions as the engine's windows over the
 * horizon. A window ending at midnight joins one starting at midnight the next
 * day, so a night band can be worked. Days after leaving are days off.
 */
export function memberAvailability(
  availability: MemberAvailabilityV1,
  periodStart: string,
  days: number,
  leftOn: string | null,
  loan?: LoanRecord,
): { availability: AvailabilityWindow[]; daysOff: number[] } {
  const perDay: [number, number][][] = [];
  const daysOff: number[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays(periodStart, day);
    let windows: [number, number][] = availability.weekly
      .filter((w) => w.weekday === isoWeekday(date))
      .map((w) => [hhmmToMinutes(w.start), hhmmToMinutes(w.end)]);
    for (const e of availability.exceptions) {
      if (date < e.from || date > e.to) continue;
      const span: [number, number] = [
        e.start ? hhmmToMinutes(e.start) : 0,
        e.end ? hhmmToMinutes(e.end) : 1440,
      ];
      windows = e.kind === 'available' ? [...windows, span] : subtract(windows, span);
    }
    const gone =
      (leftOn !== null && date > leftOn) ||
      (loan?.startsOn && date < loan.startsOn) ||
      (loan?.endsOn && date > loan.endsOn);
    if (gone) {
      windows = [];
      daysOff.push(day);
    }
    perDay.push(merge(windows));
  }
  const out: AvailabilityWindow[] = [];
  for (let day = 0; day < days; day++) {
    for (const [start, end] of perDay[day]) {
      let to = end;
      // a window that reaches midnight runs on into the next day's window from midnight
      if (to === 1440 && day + 1 < days) {
        const next = perDay[day + 1].find(([s]) => s === 0);
        if (next) to = 1440 + next[1];
      }
      out.push({ day, start, end: to });
    }
  }
  return { availability: out, daysOff };
}

function subtract(windows: [number, number][], [s, e]: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of windows) {
    if (e <= a || s >= b) out.push([a, b]);
    else {
      if (a < s) out.push([a, s]);
      if (e < b) out.push([e, b]);
    }
  }
  return out;
}

function merge(windows: [number, number][]): [number, number][] {
  const sorted = [...windows].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([...w]);
  }
  return out;
}
