import {
  checkMemberFields,
  fromMemberRegistration,
  MemberFields,
  toMemberRegistration,
  toWireField,
} from './member-wire';

const TODAY = '2026-11-25';
const nurse = (overrides: Partial<MemberFields> = {}): MemberFields => ({
  lastName: 'Martin',
  firstName: 'Claire',
  profession: 'nurse',
  identifierKind: 'RPPS',
  identifierValue: '10005173140',
  communes: ['26362'],
  status: 'active',
  skills: [{ code: 'can-vaccinate', trainedOn: '2024-09-15' }],
  availability: {
    weekly: [{ weekday: 1, start: '08:00', end: '13:00' }],
    exceptions: [],
    preferredSiteIds: ['vaccination-portes'],
  },
  votingRights: true,
  ...overrides,
});

describe('member wire fields', () => {
  it("accepts the first clients' body: no email, no structure, no association (an open period from today)", () => {
    expect(checkMemberFields(nurse(), TODAY)).toEqual([]);
    expect(toMemberRegistration(nurse(), TODAY).association).toEqual({
      periods: [{ from: TODAY, duesPaid: false }],
      roles: ['member'],
      votingRights: true,
    });
  });

  it('names the wire field of each domain rule', () => {
    expect(checkMemberFields(nurse({ profession: 'wizard' }), TODAY)).toEqual([
      { field: 'profession', reason: 'unknown profession "wizard"' },
    ]);
    expect(checkMemberFields(nurse({ communes: ['26362', '26000'] }), TODAY)).toEqual([
      {
        field: 'communes[1]',
        reason: 'unknown commune code 26000 (a postal code is not an INSEE code)',
      },
    ]);
    expect(checkMemberFields(nurse({ structureKind: 'MSP' }), TODAY)).toEqual([
      { field: 'structureName', reason: 'the name of the MSP is required' },
    ]);
    expect(checkMemberFields(nurse({ email: 'claire' }), TODAY)).toEqual([
      { field: 'email', reason: 'email "claire" is not an email address' },
    ]);
    expect(toWireField('association.votingRights')).toBe('votingRights');
    expect(toWireField('availability.preferredSites[0]')).toBe('availability.preferredSiteIds[0]');
    expect(toWireField('consent[1].givenAt')).toBe('consents[1].givenAt');
  });

  it('round-trips a domain registration through the wire fields', () => {
    const registration = toMemberRegistration(
      {
        ...nurse(),
        email: 'claire@example.fr',
        association: { periods: [{ from: '2025-01-01', duesPaid: true }], roles: ['member'] },
      },
      TODAY,
    );
    const back = fromMemberRegistration(registration);
    expect(back).toMatchObject({
      identifierValue: '10005173140',
      structureKind: 'SOLO',
      availability: { preferredSiteIds: ['vaccination-portes'] },
    });
    expect(toMemberRegistration(back, TODAY)).toEqual(registration);
  });
});
