import { checkAdeli, checkInseeCommune, checkRpps } from '@maillage/identifiers';
import { checkAvailability, isIsoDate } from '../availability/availability';
import {
  isDoctorSpecialtyCode,
  isProfessionCode,
  isSkillCode,
  PROFESSIONS,
  ProfessionCode,
  SKILLS,
} from '../professions/profession';
import type { FieldError } from './field-error';
import {
  ASSOCIATION_ROLES,
  AssociationRole,
  BOARD_OFFICES,
  MemberRegistration,
  MembershipPeriod,
} from './member-registration';

export interface MemberRuleOptions {
  /** Local date `YYYY-MM-DD` against which training dates are checked; defaults to today in Paris. */
  readonly today?: string;
}

const STRUCTURE_KINDS = ['MSP', 'ESP', 'CDS', 'SOLO', 'ESTABLISHMENT'];
const STATUSES = ['active', 'retired', 'student'];
const COLLEGES = [
  'liberal-professionals',
  'health-establishments',
  'medico-social',
  'partners',
  'users',
];
const CONSENT_PURPOSES = [
  'directory-listing',
  'shift-broadcasts',
  'newsletter',
  'data-sharing-partners',
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// French numbers: 0X XX XX XX XX or +33 X XX XX XX XX (overseas included), separators allowed.
const PHONE = /^(?:0|\+33\s?|0033\s?)[1-9](?:[\s.-]?\d{2}){4}$/;

export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Every rule a registration must pass before a member is created, as a list of
 * `{ field, reason }` (empty when the registration is acceptable). Pure: the
 * communes are checked against the offline INSEE data, nothing is looked up.
 */
export function checkMemberRegistration(
  registration: MemberRegistration,
  options: MemberRuleOptions = {},
): FieldError[] {
  const today = options.today ?? parisToday();
  const shape = checkShape(registration);
  if (shape.length > 0) return shape;
  return [
    ...checkIdentity(registration),
    ...checkProfessionAndIdentifier(registration),
    ...checkPractice(registration),
    ...checkSkills(registration, today),
    ...checkAssociation(registration),
    ...checkAvailability(registration.availability, 'availability'),
    ...checkConsent(registration),
  ];
}

function checkIdentity({ identity }: MemberRegistration): FieldError[] {
  const errors: FieldError[] = [];
  if (!identity.lastName?.trim())
    errors.push({ field: 'identity.lastName', reason: 'last name is required' });
  if (!identity.firstName?.trim())
    errors.push({ field: 'identity.firstName', reason: 'first name is required' });
  if (!identity.email?.trim())
    errors.push({ field: 'identity.email', reason: 'email is required' });
  else if (!EMAIL.test(identity.email.trim()))
    errors.push({
      field: 'identity.email',
      reason: `email "${identity.email}" is not an email address`,
    });
  if (
    identity.phone !== undefined &&
    identity.phone.trim() !== '' &&
    !PHONE.test(identity.phone.trim())
  ) {
    errors.push({
      field: 'identity.phone',
      reason: `phone "${identity.phone}" is not a French phone number`,
    });
  }
  return errors;
}

function checkProfessionAndIdentifier({
  profession,
  identifier,
  practice,
}: MemberRegistration): FieldError[] {
  if (!isProfessionCode(profession.code)) {
    return [
      { field: 'profession.code', reason: `unknown profession "${String(profession.code)}"` },
    ];
  }
  const errors: FieldError[] = [];
  const definition = PROFESSIONS[profession.code];
  const who = aProfessional(profession.code);
  if (definition.hasSpecialty) {
    if (profession.specialty === undefined)
      errors.push({ field: 'profession.specialty', reason: "a doctor's specialty is required" });
    else if (!isDoctorSpecialtyCode(profession.specialty)) {
      errors.push({
        field: 'profession.specialty',
        reason: `unknown specialty "${String(profession.specialty)}"`,
      });
    }
  } else if (profession.specialty !== undefined) {
    errors.push({ field: 'profession.specialty', reason: 'only doctors have a specialty' });
  }

  const accepted = definition.identifiers;
  if (identifier.kind === 'NONE') {
    // Students may join before they are registered in a directory.
    if (accepted.length > 0 && practice.status !== 'student') {
      errors.push({
        field: 'identifier.kind',
        reason: `${accepted.join(' or ')} number required for ${who}`,
      });
    }
    if (identifier.value !== undefined && identifier.value !== '') {
      errors.push({
        field: 'identifier.value',
        reason: 'no identifier value expected when the kind is NONE',
      });
    }
    return errors;
  }
  if (identifier.kind !== 'RPPS' && identifier.kind !== 'ADELI') {
    return [
      ...errors,
      {
        field: 'identifier.kind',
        reason: `identifier kind must be RPPS, ADELI or NONE, got "${String(identifier.kind)}"`,
      },
    ];
  }
  if (accepted.length === 0) {
    return [
      ...errors,
      {
        field: 'identifier.kind',
        reason: `${capitalise(who)} has no RPPS or ADELI number: use NONE`,
      },
    ];
  }
  if (!accepted.includes(identifier.kind)) {
    errors.push({
      field: 'identifier.kind',
      reason: `${capitalise(who)} registers with an ${accepted.join(' or ')} number, not ${identifier.kind}`,
    });
  }
  const check =
    identifier.kind === 'RPPS' ? checkRpps(identifier.value) : checkAdeli(identifier.value);
  if (!check.valid) errors.push({ field: 'identifier.value', reason: check.reason });
  return errors;
}

function checkPractice({ practice }: MemberRegistration): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(practice.communes) || practice.communes.length === 0) {
    errors.push({ field: 'practice.communes', reason: 'at least one commune served is required' });
  } else {
    const seen = new Map<string, number>();
    practice.communes.forEach((code, i) => {
      const check = checkInseeCommune(code);
      if (!check.valid) errors.push({ field: `practice.communes[${i}]`, reason: check.reason });
      else if (seen.has(check.value))
        errors.push({
          field: `practice.communes[${i}]`,
          reason: `commune ${check.value} already listed at communes[${seen.get(check.value)}]`,
        });
      else seen.set(check.value, i);
    });
  }
  if (!STRUCTURE_KINDS.includes(practice.structure?.kind)) {
    errors.push({
      field: 'practice.structure.kind',
      reason: `structure must be one of ${STRUCTURE_KINDS.join(', ')}`,
    });
  } else if (practice.structure.kind !== 'SOLO' && !practice.structure.name?.trim()) {
    errors.push({
      field: 'practice.structure.name',
      reason: `the name of the ${practice.structure.kind} is required`,
    });
  }
  if (!STATUSES.includes(practice.status)) {
    errors.push({
      field: 'practice.status',
      reason: `status must be active, retired or student, got "${String(practice.status)}"`,
    });
  }
  return errors;
}

function checkSkills({ skills, profession }: MemberRegistration, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  skills.forEach((skill, i) => {
    const at = `skills[${i}]`;
    if (!isSkillCode(skill.code)) {
      errors.push({ field: `${at}.code`, reason: `unknown skill "${String(skill.code)}"` });
      return;
    }
    if (seen.has(skill.code))
      errors.push({ field: `${at}.code`, reason: `skill ${skill.code} listed twice` });
    seen.add(skill.code);
    const allowed = SKILLS[skill.code].professions;
    if (allowed && isProfessionCode(profession.code) && !allowed.includes(profession.code)) {
      errors.push({
        field: `${at}.code`,
        reason: `"${SKILLS[skill.code].label}" is not open to ${aProfessional(profession.code)}`,
      });
    }
    if (skill.trainedOn !== undefined) {
      if (!isIsoDate(skill.trainedOn))
        errors.push({
          field: `${at}.trainedOn`,
          reason: `training date must be YYYY-MM-DD, got "${skill.trainedOn}"`,
        });
      else if (skill.trainedOn > today)
        errors.push({
          field: `${at}.trainedOn`,
          reason: `training date ${skill.trainedOn} is in the future`,
        });
    }
  });
  return errors;
}

function checkAssociation({ association }: MemberRegistration): FieldError[] {
  const errors: FieldError[] = [...checkPeriods(association.periods)];
  if (association.college !== undefined && !COLLEGES.includes(association.college)) {
    errors.push({
      field: 'association.college',
      reason: `unknown college "${String(association.college)}"`,
    });
  }
  const roles = new Set<AssociationRole>();
  association.roles.forEach((role, i) => {
    if (!ASSOCIATION_ROLES.includes(role))
      errors.push({ field: `association.roles[${i}]`, reason: `unknown role "${String(role)}"` });
    else if (roles.has(role))
      errors.push({ field: `association.roles[${i}]`, reason: `role ${role} listed twice` });
    roles.add(role);
  });
  if (association.college === 'partners' && association.votingRights) {
    errors.push({
      field: 'association.votingRights',
      reason: 'partner members have no voting rights',
    });
  }
  if (association.votingRights && association.periods.length === 0) {
    errors.push({
      field: 'association.votingRights',
      reason: 'voting rights need a membership period',
    });
  }
  association.roles.forEach((role, i) => {
    if ((BOARD_OFFICES as readonly string[]).includes(role) && !association.votingRights) {
      errors.push({
        field: `association.roles[${i}]`,
        reason: `the board (${role}) is elected among members with voting rights`,
      });
    }
  });
  return errors;
}

function checkPeriods(periods: MembershipPeriod[]): FieldError[] {
  const errors: FieldError[] = [];
  const valid: { i: number; from: string; to: string }[] = [];
  periods.forEach((period, i) => {
    const at = `association.periods[${i}]`;
    if (!isIsoDate(period.from)) {
      errors.push({
        field: `${at}.from`,
        reason: `start date must be YYYY-MM-DD, got "${String(period.from)}"`,
      });
      return;
    }
    if (period.to !== undefined && !isIsoDate(period.to)) {
      errors.push({ field: `${at}.to`, reason: `end date must be YYYY-MM-DD, got "${period.to}"` });
      return;
    }
    if (period.to !== undefined && period.to < period.from) {
      errors.push({
        field: `${at}.to`,
        reason: `membership ends ${period.to} before it starts ${period.from}`,
      });
      return;
    }
    valid.push({ i, from: period.from, to: period.to ?? '9999-12-31' });
  });
  for (const a of valid) {
    const other = valid.find((b) => b.i < a.i && b.from <= a.to && a.from <= b.to);
    if (other)
      errors.push({
        field: `association.periods[${a.i}]`,
        reason: `overlaps membership period periods[${other.i}]`,
      });
  }
  return errors;
}

function checkConsent({ consent }: MemberRegistration): FieldError[] {
  const errors: FieldError[] = [];
  consent.forEach((c, i) => {
    const at = `consent[${i}]`;
    if (!CONSENT_PURPOSES.includes(c.purpose))
      errors.push({
        field: `${at}.purpose`,
        reason: `unknown consent purpose "${String(c.purpose)}"`,
      });
    const given = Date.parse(c.givenAt);
    if (Number.isNaN(given))
      errors.push({
        field: `${at}.givenAt`,
        reason: `consent date must be an ISO date, got "${c.givenAt}"`,
      });
    if (c.withdrawnAt !== undefined) {
      const withdrawn = Date.parse(c.withdrawnAt);
      if (Number.isNaN(withdrawn))
        errors.push({
          field: `${at}.withdrawnAt`,
          reason: `withdrawal date must be an ISO date, got "${c.withdrawnAt}"`,
        });
      else if (!Number.isNaN(given) && withdrawn < given)
        errors.push({
          field: `${at}.withdrawnAt`,
          reason: 'consent withdrawn before it was given',
        });
    }
  });
  return errors;
}

/** "a doctor", "an occupational therapist": profession codes read as English words. */
function aProfessional(code: ProfessionCode): string {
  const words = code.replace(/-/g, ' ');
  return `${/^[aeio]/.test(words) ? 'an' : 'a'} ${words}`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// Bodies reach the rules before any DTO class in some paths (imports, events):
// refuse a missing section with a reason instead of throwing on it.
function checkShape(registration: unknown): FieldError[] {
  if (typeof registration !== 'object' || registration === null) {
    return [{ field: 'registration', reason: 'registration must be an object' }];
  }
  const r = registration as Record<string, unknown>;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const errors: FieldError[] = [];
  for (const section of [
    'identity',
    'profession',
    'identifier',
    'practice',
    'association',
    'availability',
  ]) {
    if (!isObject(r[section])) errors.push({ field: section, reason: `${section} is required` });
  }
  const lists: [string, unknown][] = [
    ['skills', r.skills],
    ['consent', r.consent],
    ['practice.communes', isObject(r.practice) ? r.practice.communes : []],
    ['practice.structure', isObject(r.practice) && isObject(r.practice.structure) ? [] : undefined],
    ['association.periods', isObject(r.association) ? r.association.periods : []],
    ['association.roles', isObject(r.association) ? r.association.roles : []],
    ['availability.weekly', isObject(r.availability) ? r.availability.weekly : []],
    ['availability.exceptions', isObject(r.availability) ? r.availability.exceptions : []],
  ];
  for (const [field, value] of lists) {
    if (field === 'practice.structure') {
      if (isObject(r.practice) && value === undefined)
        errors.push({ field, reason: 'practice.structure is required' });
    } else if (!Array.isArray(value)) errors.push({ field, reason: `${field} must be a list` });
  }
  return errors;
}
