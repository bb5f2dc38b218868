/**
 * The rota problem as the service states it: real days and clock times, sites,
 * roles and skills, pairs, availability, staff loans. Plain data (no functions) so
 * that it crosses a worker-thread boundary unchanged. The nurse-rostering benchmark
 * maps onto a subset of it (see nrp/nrp-to-problem.ts).
 */

/** Minutes from midnight of the shift's day; an end past 1440 ends the next day. */
export type ClockMinutes = number;

export interface RotaProblem {
  /** Day 0 of the horizon (YYYY-MM-DD); weekdays and weekends derive from it. */
  startDate: string;
  days: number;
  sites?: Site[];
  shifts: Shift[];
  members: Member[];
  loans?: StaffLoan[];
  /** Doctor + nurse pairs (or any two members) the coordinator likes to keep together. */
  pairs?: PreferredPair[];
  /** Shift kinds that may not be worked the day after another kind (beyond rest rules). */
  forbiddenSuccessions?: { first: string; then: string }[];
  /** The previously published rota: changing it costs `weights.stability` per changed cell. */
  previousRota?: Assignment[];
  /** Distance in km from a member's commune to a site: travelKm[commune][siteId]. */
  travelKm?: Record<string, Record<string, number>>;
  settings?: RuleSettingsInput;
}

export interface Site {
  id: string;
  name: string;
  commune?: string;
  /** Boxes (lines) the site can run at once. */
  boxes?: number;
}

export interface Shift {
  id: string;
  /** Groups shifts for rest, succession and per-kind caps ("SNP evening", NRP shift id). */
  kind: string;
  day: number;
  start: ClockMinutes;
  end: ClockMinutes;
  siteId?: string;
  campaignId?: string;
  /** Shown in explanations, e.g. "Valence line 2". */
  label?: string;
  /** Nights and week-ends by default; fairness spreads these separately. */
  unpopular?: boolean;
  needs: Need[];
}

export interface Need {
  role: string;
  count: number;
  /** Any of these professions qualifies; empty or absent means any profession. */
  professions?: string[];
  /** Every one of these skills is required. */
  skills?: string[];
  /** Cost of each missing person; defaults to weights.unfilled. */
  underWeight?: number;
  /** Cost of each person above count; defaults to weights.overstaffed. */
  overWeight?: number;
}

export interface AvailabilityWindow {
  day: number;
  start: ClockMinutes;
  end: ClockMinutes;
}

export type PreferenceType =
  /** wants this (day, kind, site): costs `weight` when the day is not worked that way */
  | 'wants'
  /** avoids: costs `weight` for each assignment matching */
  | 'avoids'
  /** prefers: costs `weight` for each assignment not matching */
  | 'prefers';

export interface Preference {
  type: PreferenceType;
  day?: number;
  shiftKind?: string;
  siteId?: string;
  weight: number;
}

export interface Member {
  id: string;
  name?: string;
  profession: string;
  skills?: string[];
  communes?: string[];
  /** When present, the member works only inside these windows. */
  availability?: AvailabilityWindow[];
  /** Whole days the member cannot work. */
  daysOff?: number[];
  /** Shifts the member withdrew from. */
  unavailableShiftIds?: string[];
  maxMinutesPerWeek?: number;
  /** Declared cap over the horizon (the monthly cap for a month's rota). */
  maxMinutes?: number;
  minMinutes?: number;
  maxShiftsByKind?: Record<string, number>;
  maxConsecutiveDays?: number;
  minConsecutiveDays?: number;
  minConsecutiveDaysOff?: number;
  maxWeekends?: number;
  preferences?: Preference[];
  /** Partner staff: the agreement lending this member. */
  loanId?: string;
}

/** A partner (e.g. an SPSTI) lends staff for a scope, a period and an hours cap. */
export interface StaffLoan {
  id: string;
  partner: string;
  siteIds?: string[];
  campaignIds?: string[];
  fromDay: number;
  toDay: number;
  /** Cap over all members lent by this agreement. */
  maxMinutes?: number;
}

export interface PreferredPair {
  memberA: string;
  memberB: string;
  weight?: number;
}

export interface Assignment {
  memberId: string;
  shiftId: string;
  role: string;
}

export interface RuleWeights {
  unfilled: number;
  overstaffed: number;
  preference: number;
  travelPerKm: number;
  stability: number;
  fairShifts: number;
  fairUnpopular: number;
  pairs: number;
  consecutiveDays: number;
}

export interface RuleSettings {
  minRestMinutes: number;
  /** Beyond this many days in a row the soft rule "few consecutive days" costs. */
  preferredMaxConsecutiveDays: number;
  weights: RuleWeights;
}

export interface RuleSettingsInput {
  minRestMinutes?: number;
  preferredMaxConsecutiveDays?: number;
  weights?: Partial<RuleWeights>;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  minRestMinutes: 11 * 60,
  preferredMaxConsecutiveDays: 3,
  weights: {
    unfilled: 1000,
    overstaffed: 1000,
    preference: 1,
    travelPerKm: 0.2,
    stability: 20,
    fairShifts: 1,
    fairUnpopular: 3,
    pairs: 5,
    consecutiveDays: 5,
  },
};

export function resolveSettings(input: RuleSettingsInput | undefined): RuleSettings {
  return {
    minRestMinutes: input?.minRestMinutes ?? DEFAULT_SETTINGS.minRestMinutes,
    preferredMaxConsecutiveDays: input?.preferredMaxConsecutiveDays ?? DEFAULT_SETTINGS.preferredMaxConsecutiveDays,
    weights: { ...DEFAULT_SETTINGS.weights, ...(input?.weights ?? {}) },
  };
}
