import { validatePlain } from '../common/contract';
import { AgreementEndedV1 } from './agreement-ended.v1';
import { CreateAgreementV1 } from './agreement-profile';
import { FindContactPointV1 } from './contact-point.v1';
import { DeclareActionV1 } from './partner-action.v1';
import { RegisterPartnerV1 } from './partner-profile';
import { SendReferralV1 } from './referral.v1';
import { StaffLentV1 } from './staff-lent.v1';

const ID = '0b6f2f7e-9a55-4a3b-8f0e-2f1c5d0c9a11';
const fieldsOf = (result: ReturnType<typeof validatePlain>): string[] =>
  result.ok ? [] : result.errors.map((e) => e.field);

const partner = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'spsti',
  name: 'ASMT 65',
  siret: '732 829 320 00074',
  sectors: ['65440'],
  ...overrides,
});

const person = {
  lastName: 'Lacoste',
  firstName: 'Anne',
  profession: 'nurse',
  skills: [{ code: 'can-vaccinate' }],
};
const agreement = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  partnerId: ID,
  purpose: 'Staff at the vaccination centre',
  startsOn: '2026-12-01',
  endsOn: '2027-03-31',
  clauses: [
    {
      type: 'staff-made-available',
      staffMadeAvailable: {
        staff: [person],
        scope: { siteIds: ['centre-tarbes'], campaignIds: [] },
        maxHoursPerWeek: 8,
      },
    },
  ],
  ...overrides,
});

describe('partners contracts', () => {
  it('accepts a partner with a spaced SIRET and refuses a wrong key, a missing FINESS and a postal code, naming each field', () => {
    expect(validatePlain(RegisterPartnerV1, partner()).ok).toBe(true);
    expect(
      fieldsOf(validatePlain(RegisterPartnerV1, partner({ siret: '73282932000075' }))),
    ).toEqual(['siret']);
    expect(fieldsOf(validatePlain(RegisterPartnerV1, partner({ kind: 'ehpad' })))).toEqual([
      'finess',
    ]);
    expect(
      validatePlain(RegisterPartnerV1, partner({ kind: 'ehpad', finess: '010003820' })).ok,
    ).toBe(true);
    expect(fieldsOf(validatePlain(RegisterPartnerV1, partner({ sectors: ['65000'] })))).toEqual([
      'sectors',
    ]);
    expect(fieldsOf(validatePlain(RegisterPartnerV1, partner({ kind: 'clinic' })))).toEqual([
      'kind',
    ]);
  });

  it('applies the La Poste rule to La Poste establishments', () => {
    expect(validatePlain(RegisterPartnerV1, partner({ siret: '35600000000006' })).ok).toBe(true);
    expect(
      fieldsOf(validatePlain(RegisterPartnerV1, partner({ siret: '35600000000007' }))),
    ).toEqual(['siret']);
  });

  it('requires staff terms on a staff-made-available clause and checks the people in it', () => {
    expect(validatePlain(CreateAgreementV1, agreement()).ok).toBe(true);
    expect(
      fieldsOf(
        validatePlain(
          CreateAgreementV1,
          agreement({ clauses: [{ type: 'staff-made-available' }] }),
        ),
      ),
    ).toEqual(['clauses[0].staffMadeAvailable']);
    const badRpps = agreement({
      clauses: [
        {
          type: 'staff-made-available',
          staffMadeAvailable: {
            staff: [{ ...person, rpps: '10101201234' }],
            scope: { siteIds: ['a'], campaignIds: [] },
          },
        },
      ],
    });
    expect(fieldsOf(validatePlain(CreateAgreementV1, badRpps))).toEqual([
      'clauses[0].staffMadeAvailable.staff[0].rpps',
    ]);
    expect(
      fieldsOf(validatePlain(CreateAgreementV1, agreement({ startsOn: '2026-12-01T00:00:00Z' }))),
    ).toEqual(['startsOn']);
  });

  it('keeps names out of referrals: a reference with spaces is refused', () => {
    expect(validatePlain(SendReferralV1, { partnerId: ID, reference: 'LC-2026-014' }).ok).toBe(
      true,
    );
    expect(
      fieldsOf(validatePlain(SendReferralV1, { partnerId: ID, reference: 'Jean Dupont' })),
    ).toEqual(['reference']);
  });

  it('asks the contact point for a commune or a company', () => {
    expect(validatePlain(FindContactPointV1, { siret: '73282932000074' }).ok).toBe(true);
    expect(validatePlain(FindContactPointV1, { commune: '65440' }).ok).toBe(true);
    expect(fieldsOf(validatePlain(FindContactPointV1, {}))).toEqual(['commune']);
  });

  it('validates declared actions and the staff events', () => {
    const action = {
      kind: 'rcp',
      title: 'RCP',
      communes: ['65440'],
      online: false,
      startsAt: '2026-12-03T18:00:00+01:00',
      endsAt: '2026-12-03T20:00:00+01:00',
    };
    expect(validatePlain(DeclareActionV1, action).ok).toBe(true);
    expect(fieldsOf(validatePlain(DeclareActionV1, { ...action, communes: ['6544'] }))).toEqual([
      'communes',
    ]);
    const lent = {
      tenantId: 'cpts-tarbes',
      agreementId: ID,
      clauseId: ID,
      partnerId: ID,
      partnerName: 'ASMT 65',
      scope: { siteIds: ['centre-tarbes'], campaignIds: [] },
      startsOn: '2026-12-01',
      endsOn: '2027-03-31',
      maxHoursPerWeek: 8,
      staff: [{ ...person, staffId: ID }],
    };
    expect(validatePlain(StaffLentV1, lent).ok).toBe(true);
    expect(fieldsOf(validatePlain(StaffLentV1, { ...lent, staff: [person] }))).toEqual([
      'staff[0].staffId',
    ]);
    const ended = {
      tenantId: 'cpts-tarbes',
      agreementId: ID,
      partnerId: ID,
      endedOn: '2027-03-31',
      reason: 'term-reached',
      staffIds: [ID],
    };
    expect(validatePlain(AgreementEndedV1, ended).ok).toBe(true);
    expect(fieldsOf(validatePlain(AgreementEndedV1, { ...ended, reason: 'cancelled' }))).toEqual([
      'reason',
    ]);
  });
});
