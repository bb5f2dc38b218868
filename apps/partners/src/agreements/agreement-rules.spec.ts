import type { AgreementClauseInputV1 } from '@maillage/contracts';
import {
  agreementShapeErrors,
  clauseKeys,
  dayBefore,
  overlappingClauses,
  parisDay,
  periodsOverlap,
} from './agreement-rules';

const staffClause = (
  siteIds: string[],
  caps: { maxHoursPerWeek?: number; maxHoursPerMonth?: number } = { maxHoursPerWeek: 10 },
): AgreementClauseInputV1 => ({
  type: 'staff-made-available',
  staffMadeAvailable: {
    staff: [{ lastName: 'Lacoste', firstName: 'Anne', profession: 'nurse', skills: [] }],
    scope: { siteIds, campaignIds: [] },
    ...caps,
  },
});

describe('agreement rules', () => {
  it('reads the calendar day in Paris, not in UTC', () => {
    expect(parisDay(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(parisDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(parisDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(dayBefore('2027-03-01')).toBe('2027-02-28');
  });

  it('counts the last day of a period as included', () => {
    expect(
      periodsOverlap(
        { startsOn: '2026-01-01', endsOn: '2026-06-30' },
        { startsOn: '2026-06-30', endsOn: '2026-12-31' },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { startsOn: '2026-01-01', endsOn: '2026-06-29' },
        { startsOn: '2026-06-30', endsOn: '2026-12-31' },
      ),
    ).toBe(false);
  });

  it('keys a staff loan by its sites and campaigns, any other clause by its type', () => {
    expect(clauseKeys(staffClause(['a', 'b']))).toEqual(['site:a', 'site:b']);
    expect(clauseKeys({ type: 'referral-pathway' })).toEqual(['referral-pathway']);
  });

  it('refuses an end before the start, a loan without scope or cap, and staff terms on another clause', () => {
    const errors = agreementShapeErrors({
      startsOn: '2026-12-01',
      endsOn: '2026-11-30',
      clauses: [
        staffClause([], {}),
        { type: 'training', staffMadeAvailable: staffClause(['x']).staffMadeAvailable },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'endsOn',
      'clauses[0].staffMadeAvailable.scope',
      'clauses[0].staffMadeAvailable.maxHoursPerWeek',
      'clauses[1].staffMadeAvailable',
    ]);
  });

  it('refuses the same site twice in one agreement', () => {
    const errors = agreementShapeErrors({
      startsOn: '2026-12-01',
      endsOn: '2027-01-31',
      clauses: [staffClause(['site-1']), staffClause(['site-2', 'site-1'])],
    });
    expect(errors).toEqual([{ field: 'clauses[1]', reason: 'repeats clauses[0] for site site-1' }]);
  });

  it('finds the clause of another agreement that covers the same site on overlapping days', () => {
    const existing = [
      {
        agreementId: 'A',
        startsOn: '2026-12-01',
        endsOn: '2027-03-31',
        clauses: [staffClause(['centre-tarbes'])],
      },
      {
        agreementId: 'B',
        startsOn: '2027-06-01',
        endsOn: '2027-12-31',
        clauses: [staffClause(['centre-lourdes'])],
      },
      {
        agreementId: 'C',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        clauses: [{ type: 'referral-pathway' as const }],
      },
    ];
    const candidate = {
      startsOn: '2027-03-31',
      endsOn: '2027-06-30',
      clauses: [staffClause(['centre-tarbes', 'centre-lourdes'])],
    };
    expect(overlappingClauses(candidate, existing)).toEqual([
      {
        field: 'clauses[0]',
        reason:
          'site centre-tarbes is already covered by agreement A from 2026-12-01 to 2027-03-31',
      },
      {
        field: 'clauses[0]',
        reason:
          'site centre-lourdes is already covered by agreement B from 2027-06-01 to 2027-12-31',
      },
    ]);
    expect(
      overlappingClauses({ ...candidate, startsOn: '2027-04-01', endsOn: '2027-05-31' }, existing),
    ).toEqual([]);
    expect(
      overlappingClauses(
        { startsOn: '2027-01-01', endsOn: '2027-01-31', clauses: [{ type: 'referral-pathway' }] },
        existing,
      ),
    ).toHaveLength(1);
  });
});
