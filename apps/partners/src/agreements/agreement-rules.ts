import type { AgreementClauseInputV1, FieldError } from '@maillage/contracts';

/**
 * The rules of a convention between a CPTS and a partner, as plain functions:
 * dates are calendar days in Europe/Paris (a convention says "from 1 December"),
 * periods include their last day.
 */

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Paris at an instant, as YYYY-MM-DD. */
export function parisDay(at: Date): string {
  return PARIS_DAY.format(at);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export interface Period {
  startsOn: string;
  endsOn: string;
}

export const periodsOverlap = (a: Period, b: Period): boolean =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/**
 * What makes two clauses "the same clause": a staff loan to the same site or
 * campaign, or any other clause of the same type between the same two parties.
 */
export function clauseKeys(
  clause: Pick<AgreementClauseInputV1, 'type' | 'staffMadeAvailable'>,
): string[] {
  if (clause.type === 'staff-made-available' && clause.staffMadeAvailable) {
    const { siteIds, campaignIds } = clause.staffMadeAvailable.scope;
    return [...siteIds.map((id) => `site:${id}`), ...campaignIds.map((id) => `campaign:${id}`)];
  }
  return [clause.type];
}

const describeKey = (key: string): string =>
  key.startsWith('site:')
    ? `site ${key.slice(5)}`
    : key.startsWith('campaign:')
      ? `campaign ${key.slice(9)}`
      : `a ${key} clause`;

/** Field errors of an agreement that class-validator cannot see (cross-field rules). */
export function agreementShapeErrors(
  agreement: Period & { clauses: AgreementClauseInputV1[] },
): FieldError[] {
  const errors: FieldError[] = [];
  if (agreement.endsOn < agreement.startsOn) {
    errors.push({
      field: 'endsOn',
      reason: `endsOn (${agreement.endsOn}) is before startsOn (${agreement.startsOn})`,
    });
  }
  const seen = new Map<string, number>();
  agreement.clauses.forEach((clause, i) => {
    const terms = clause.staffMadeAvailable;
    if (clause.type !== 'staff-made-available' && terms) {
      errors.push({
        field: `clauses[${i}].staffMadeAvailable`,
        reason: 'staff terms belong only to a staff-made-available clause',
      });
    }
    if (clause.type === 'staff-made-available' && terms) {
      if (terms.scope.siteIds.length + terms.scope.campaignIds.length === 0) {
        errors.push({
          field: `clauses[${i}].staffMadeAvailable.scope`,
          reason: 'name at least one site or campaign the staff is lent to',
        });
      }
      if (terms.maxHoursPerWeek === undefined && terms.maxHoursPerMonth === undefined) {
        errors.push({
          field: `clauses[${i}].staffMadeAvailable.maxHoursPerWeek`,
          reason: 'give a cap in hours per week or per month',
        });
      }
      if (
        terms.maxHoursPerWeek !== undefined &&
        terms.maxHoursPerMonth !== undefined &&
        terms.maxHoursPerMonth < terms.maxHoursPerWeek
      ) {
        errors.push({
          field: `clauses[${i}].staffMadeAvailable.maxHoursPerMonth`,
          reason: 'the monthly cap is below the weekly cap',
        });
      }
    }
    for (const key of clauseKeys(clause)) {
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({
          field: `clauses[${i}]`,
          reason: `repeats clauses[${first}] for ${describeKey(key)}`,
        });
      } else {
        seen.set(key, i);
      }
    }
  });
  return errors;
}

export interface ExistingAgreement extends Period {
  agreementId: string;
  clauses: Pick<AgreementClauseInputV1, 'type' | 'staffMadeAvailable'>[];
}

/**
 * A clause may not run twice over the same days: for each clause of the
 * candidate, the agreements still signed or active whose same clause overlaps it.
 */
export function overlappingClauses(
  candidate: Period & { clauses: Pick<AgreementClauseInputV1, 'type' | 'staffMadeAvailable'>[] },
  existing: ExistingAgreement[],
): FieldError[] {
  const errors: FieldError[] = [];
  candidate.clauses.forEach((clause, i) => {
    const keys = new Set(clauseKeys(clause));
    for (const other of existing) {
      if (!periodsOverlap(candidate, other)) continue;
      const shared = other.clauses.flatMap(clauseKeys).filter((key) => keys.has(key));
      for (const key of new Set(shared)) {
        errors.push({
          field: `clauses[${i}]`,
          reason: `${describeKey(key)} is already covered by agreement ${other.agreementId} from ${other.startsOn} to ${other.endsOn}`,
        });
      }
    }
  });
  return errors;
}
