import type { DoctorSpecialtyCode, ProfessionCode, SkillCode } from '../professions/profession';

/**
 * What a professional (or a coordinator on their behalf, or an import) submits to
 * join a CPTS. Plain data: dates are ISO strings (`YYYY-MM-DD`, or full ISO
 * timestamps for consent), times are local `HH:MM` in Europe/Paris.
 */
export interface MemberRegistration {
  identity: {
    lastName: string;
    firstName: string;
    email: string;
    phone?: string;
  };
  profession: {
    code: ProfessionCode;
    specialty?: DoctorSpecialtyCode;
  };
  identifier: {
    kind: 'RPPS' | 'ADELI' | 'NONE';
    value?: string;
  };
  practice: {
    /** INSEE codes of the communes served (not postal codes). */
    communes: string[];
    structure: {
      kind: StructureKind;
      name?: string;
    };
    status: PracticeStatus;
  };
  skills: { code: SkillCode; trainedOn?: string }[];
  association: {
    periods: MembershipPeriod[];
    college?: College;
    roles: AssociationRole[];
    votingRights: boolean;
  };
  availability: Availability;
  consent: { purpose: ConsentPurpose; givenAt: string; withdrawnAt?: string }[];
}

export type StructureKind = 'MSP' | 'ESP' | 'CDS' | 'SOLO' | 'ESTABLISHMENT';
export type PracticeStatus = 'active' | 'retired' | 'student';

export interface MembershipPeriod {
  from: string;
  to?: string;
  duesPaid: boolean;
}

/**
 * Colleges of the association. Establishments, services and municipalities may
 * join as partner members, without voting rights.
 */
export type College =
  'liberal-professionals' | 'health-establishments' | 'medico-social' | 'partners' | 'users';

export const BOARD_OFFICES = [
  'president',
  'vice-president',
  'treasurer',
  'secretary',
  'board-member',
] as const;
export type BoardOffice = (typeof BOARD_OFFICES)[number];
export type AssociationRole = BoardOffice | 'animation-committee' | 'coordinator' | 'member';
export const ASSOCIATION_ROLES: readonly AssociationRole[] = [
  ...BOARD_OFFICES,
  'animation-committee',
  'coordinator',
  'member',
];

export type ConsentPurpose =
  'directory-listing' | 'shift-broadcasts' | 'newsletter' | 'data-sharing-partners';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Time bands of the unscheduled-care (SNP) day. */
export type TimeBand = 'morning' | 'afternoon' | 'evening' | 'night';

export interface WeeklySlot {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: Weekday;
  /** Local time `HH:MM`. */
  start: string;
  /** Local time `HH:MM`, after start; `24:00` for midnight. */
  end: string;
  sites?: string[];
  bands?: TimeBand[];
}

export interface AvailabilityException {
  /** `unavailable`: holidays, training; `available`: extra days outside the weekly pattern. */
  kind: 'unavailable' | 'available';
  /** First and last local dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  /** Optional local hours on each of those days; the whole day when absent. */
  start?: string;
  end?: string;
  reason?: string;
}

export interface Availability {
  weekly: WeeklySlot[];
  exceptions: AvailabilityException[];
  monthlyShiftCap?: number;
  preferredSites?: string[];
  preferredBands?: TimeBand[];
}
