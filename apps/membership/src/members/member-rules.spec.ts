import type { FieldError } from './field-error';
import type { MemberRegistration } from './member-registration';
import { checkMemberRegistration, parisToday } from './member-rules';

const TODAY = '2026-11-25';

function gp(overrides: (r: MemberRegistration) => void = () => undefined): MemberRegistration {
  const r: MemberRegistration = {
    identity: {
      lastName: 'Martin',
      firstName: 'Claire',
      email: 'claire.martin@example.fr',
      phone: '04 75 12 34 56',
    },
    profession: { code: 'doctor', specialty: 'general-practice' },
    identifier: { kind: 'RPPS', value: '10005173140' },
    practice: {
      communes: ['26362', '26252'],
      structure: { kind: 'MSP', name: 'MSP du Plateau' },
      status: 'active',
    },
    skills: [{ code: 'can-vaccinate' }, { code: 'icope-screening', trainedOn: '2025-03-12' }],
    association: {
      periods: [
        { from: '2024-01-01', to: '2024-12-31', duesPaid: true },
        { from: '2025-01-01', duesPaid: true },
      ],
      college: 'liberal-professionals',
      roles: ['member', 'board-member'],
      votingRights: true,
    },
    availability: {
      weekly: [{ weekday: 3, start: '14:00', end: '18:00' }],
      exceptions: [],
      monthlyShiftCap: 4,
    },
    consent: [{ purpose: 'shift-broadcasts', givenAt: '2025-01-03T10:00:00Z' }],
  };
  overrides(r);
  return r;
}

const check = (r: MemberRegistration): FieldError[] => checkMemberRegistration(r, { today: TODAY });

describe('checkMemberRegistration', () => {
  it('accepts a complete GP registration', () => {
    expect(check(gp())).toEqual([]);
  });

  describe('identity', () => {
    it('requires names and a plausible email', () => {
      expect(
        check(
          gp((r) => {
            r.identity.lastName = ' ';
            r.identity.email = 'claire.martin';
          }),
        ),
      ).toEqual([
        { field: 'identity.lastName', reason: 'last name is required' },
        { field: 'identity.email', reason: 'email "claire.martin" is not an email address' },
      ]);
    });
    it.each(['+33 6 12 34 56 78', '0612345678', '06.12.34.56.78', ''])(
      'accepts the phone %p',
      (phone) => {
        expect(check(gp((r) => (r.identity.phone = phone)))).toEqual([]);
      },
    );
    it.each(['12345', '06 12 34 56', '+44 20 7946 0958'])('refuses the phone %p', (phone) => {
      expect(check(gp((r) => (r.identity.phone = phone)))).toEqual([
        { field: 'identity.phone', reason: `phone "${phone}" is not a French phone number` },
      ]);
    });
  });

  describe('identifier against profession', () => {
    it('refuses the FR Core example RPPS whose key is wrong', () => {
      expect(check(gp((r) => (r.identifier.value = '10101201234')))).toEqual([
        { field: 'identifier.value', reason: 'RPPS key digit is wrong' },
      ]);
    });
    it('requires an RPPS for a doctor', () => {
      expect(check(gp((r) => (r.identifier = { kind: 'NONE' })))).toEqual([
        { field: 'identifier.kind', reason: 'RPPS number required for a doctor' },
      ]);
    });
    it('refuses ADELI for professions fully in RPPS', () => {
      for (const code of [
        'doctor',
        'midwife',
        'pharmacist',
        'dentist',
        'physiotherapist',
      ] as const) {
        const errors = check(
          gp((r) => {
            r.profession = code === 'doctor' ? { code, specialty: 'paediatrics' } : { code };
            r.identifier = { kind: 'ADELI', value: '261234567' };
            r.skills = [];
          }),
        );
        expect(errors).toEqual([
          {
            field: 'identifier.kind',
            reason: expect.stringMatching(/registers with an RPPS number, not ADELI$/),
          },
        ]);
      }
    });
    it('accepts ADELI for a nurse still under ADELI, and RPPS too', () => {
      const nurse = (kind: 'RPPS' | 'ADELI', value: string): MemberRegistration =>
        gp((r) => {
          r.profession = { code: 'nurse' };
          r.identifier = { kind, value };
        });
      expect(check(nurse('ADELI', '269912345'))).toEqual([]);
      expect(check(nurse('RPPS', '99700218896'))).toEqual([]);
      expect(check(nurse('ADELI', '26991234'))).toEqual([
        { field: 'identifier.value', reason: 'ADELI number must have 9 characters, got 8' },
      ]);
    });
    it('refuses any identifier for a coordinator or volunteer', () => {
      const coordinator = gp((r) => {
        r.profession = { code: 'coordinator' };
        r.skills = [];
      });
      expect(check(coordinator)).toEqual([
        { field: 'identifier.kind', reason: 'A coordinator has no RPPS or ADELI number: use NONE' },
      ]);
      coordinator.identifier = { kind: 'NONE' };
      expect(check(coordinator)).toEqual([]);
    });
    it('lets a student join before having an RPPS', () => {
      const student = gp((r) => {
        r.identifier = { kind: 'NONE' };
        r.practice.status = 'student';
      });
      expect(check(student)).toEqual([]);
    });
    it('requires a doctor specialty and refuses one elsewhere', () => {
      expect(check(gp((r) => delete r.profession.specialty))).toEqual([
        { field: 'profession.specialty', reason: "a doctor's specialty is required" },
      ]);
      expect(
        check(
          gp((r) => {
            r.profession = { code: 'pharmacist', specialty: 'cardiology' };
          }),
        ),
      ).toEqual([{ field: 'profession.specialty', reason: 'only doctors have a specialty' }]);
    });
    it('refuses an unknown profession', () => {
      expect(check(gp((r) => (r.profession = { code: 'wizard' as never })))).toEqual([
        { field: 'profession.code', reason: 'unknown profession "wizard"' },
      ]);
    });
  });

  describe('practice', () => {
    it('points at the unknown commune by index', () => {
      expect(check(gp((r) => (r.practice.communes = ['26362', '26252', '99999'])))).toEqual([
        { field: 'practice.communes[2]', reason: 'unknown commune code 99999' },
      ]);
    });
    it('refuses postal codes, former codes and duplicates', () => {
      expect(
        check(gp((r) => (r.practice.communes = ['26000', '01340', '26362', '26362']))),
      ).toEqual([
        {
          field: 'practice.communes[0]',
          reason: 'unknown commune code 26000 (a postal code is not an INSEE code)',
        },
        {
          field: 'practice.communes[1]',
          reason: 'commune code 01340 is a former code: use 01015 (Arboys en Bugey)',
        },
        { field: 'practice.communes[3]', reason: 'commune 26362 already listed at communes[2]' },
      ]);
    });
    it('requires a commune and a structure name except for solo practice', () => {
      expect(
        check(
          gp((r) => {
            r.practice.communes = [];
            r.practice.structure = { kind: 'CDS' };
          }),
        ),
      ).toEqual([
        { field: 'practice.communes', reason: 'at least one commune served is required' },
        { field: 'practice.structure.name', reason: 'the name of the CDS is required' },
      ]);
      expect(check(gp((r) => (r.practice.structure = { kind: 'SOLO' })))).toEqual([]);
    });
    it('accepts retired and refuses unknown statuses', () => {
      expect(check(gp((r) => (r.practice.status = 'retired')))).toEqual([]);
      expect(check(gp((r) => (r.practice.status = 'on-leave' as never)))).toEqual([
        {
          field: 'practice.status',
          reason: 'status must be active, retired or student, got "on-leave"',
        },
      ]);
    });
  });

  describe('skills', () => {
    it('refuses a training date in the future, accepts today', () => {
      expect(check(gp((r) => (r.skills = [{ code: 'etp', trainedOn: '2026-11-26' }])))).toEqual([
        { field: 'skills[0].trainedOn', reason: 'training date 2026-11-26 is in the future' },
      ]);
      expect(check(gp((r) => (r.skills = [{ code: 'etp', trainedOn: TODAY }])))).toEqual([]);
    });
    it('refuses skills a profession may not exercise, duplicates and unknown codes', () => {
      const errors = check(
        gp((r) => {
          r.profession = { code: 'psychologist' };
          r.identifier = { kind: 'ADELI', value: '269312345' };
          r.skills = [
            { code: 'can-vaccinate' },
            { code: 'etp' },
            { code: 'etp' },
            { code: 'juggling' as never },
            { code: 'first-aid', trainedOn: '12/03/2025' },
          ];
        }),
      );
      expect(errors).toEqual([
        { field: 'skills[0].code', reason: '"Vaccination" is not open to a psychologist' },
        { field: 'skills[2].code', reason: 'skill etp listed twice' },
        { field: 'skills[3].code', reason: 'unknown skill "juggling"' },
        {
          field: 'skills[4].trainedOn',
          reason: 'training date must be YYYY-MM-DD, got "12/03/2025"',
        },
      ]);
    });
  });

  describe('association', () => {
    it('refuses voting rights to partner members', () => {
      expect(
        check(
          gp((r) => {
            r.association.college = 'partners';
            r.association.roles = ['member'];
          }),
        ),
      ).toEqual([
        { field: 'association.votingRights', reason: 'partner members have no voting rights' },
      ]);
    });
    it('accepts a partner member without voting rights', () => {
      expect(
        check(
          gp((r) => {
            r.association = {
              periods: [{ from: '2025-01-01', duesPaid: false }],
              college: 'partners',
              roles: ['member'],
              votingRights: false,
            };
          }),
        ),
      ).toEqual([]);
    });
    it('keeps the board to members with voting rights', () => {
      expect(check(gp((r) => (r.association.votingRights = false)))).toEqual([
        {
          field: 'association.roles[1]',
          reason: 'the board (board-member) is elected among members with voting rights',
        },
      ]);
    });
    it('refuses a period ending before it starts', () => {
      expect(
        check(
          gp(
            (r) =>
              (r.association.periods = [{ from: '2025-06-01', to: '2025-01-01', duesPaid: true }]),
          ),
        ),
      ).toEqual([
        {
          field: 'association.periods[0].to',
          reason: 'membership ends 2025-01-01 before it starts 2025-06-01',
        },
      ]);
    });
    it('refuses overlapping periods, an open period included', () => {
      expect(
        check(
          gp(
            (r) =>
              (r.association.periods = [
                { from: '2023-01-01', duesPaid: true },
                { from: '2024-01-01', to: '2024-12-31', duesPaid: true },
              ]),
          ),
        ),
      ).toEqual([
        { field: 'association.periods[1]', reason: 'overlaps membership period periods[0]' },
      ]);
      expect(
        check(
          gp(
            (r) =>
              (r.association.periods = [
                { from: '2024-01-01', to: '2024-06-30', duesPaid: true },
                { from: '2024-06-30', to: '2024-12-31', duesPaid: true },
              ]),
          ),
        ),
      ).toEqual([
        { field: 'association.periods[1]', reason: 'overlaps membership period periods[0]' },
      ]);
    });
    it('refuses voting rights without any membership, unknown and repeated roles', () => {
      expect(
        check(
          gp((r) => {
            r.association.periods = [];
            r.association.roles = ['member', 'member', 'king' as never];
          }),
        ),
      ).toEqual([
        { field: 'association.roles[1]', reason: 'role member listed twice' },
        { field: 'association.roles[2]', reason: 'unknown role "king"' },
        { field: 'association.votingRights', reason: 'voting rights need a membership period' },
      ]);
    });
  });

  it('reports availability errors with their path', () => {
    expect(
      check(
        gp(
          (r) =>
            (r.availability.weekly = [
              { weekday: 1, start: '08:00', end: '12:00' },
              { weekday: 1, start: '10:00', end: '09:00' },
            ]),
        ),
      ),
    ).toEqual([
      {
        field: 'availability.weekly[1].end',
        reason: 'end 09:00 must be after start 10:00 (split a night slot at 24:00)',
      },
    ]);
  });

  it('refuses a consent withdrawn before it was given', () => {
    expect(
      check(
        gp(
          (r) =>
            (r.consent = [
              {
                purpose: 'newsletter',
                givenAt: '2025-01-03T10:00:00Z',
                withdrawnAt: '2024-01-01T00:00:00Z',
              },
            ]),
        ),
      ),
    ).toEqual([
      { field: 'consent[0].withdrawnAt', reason: 'consent withdrawn before it was given' },
    ]);
  });

  it('uses the Paris date as today by default', () => {
    expect(parisToday(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(parisToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});

describe('checkMemberRegistration — shape', () => {
  it('reports missing sections and lists instead of throwing', () => {
    const broken = {
      ...gp(),
      skills: undefined,
      association: undefined,
      availability: { weekly: 'x' },
    } as unknown as MemberRegistration;
    expect(check(broken)).toEqual([
      { field: 'association', reason: 'association is required' },
      { field: 'skills', reason: 'skills must be a list' },
      { field: 'availability.weekly', reason: 'availability.weekly must be a list' },
      { field: 'availability.exceptions', reason: 'availability.exceptions must be a list' },
    ]);
    expect(check(null as unknown as MemberRegistration)).toEqual([
      { field: 'registration', reason: 'registration must be an object' },
    ]);
  });
  it('reports a practice without structure', () => {
    const r = gp() as unknown as { practice: Record<string, unknown> };
    delete r.practice.structure;
    expect(check(r as unknown as MemberRegistration)).toEqual([
      { field: 'practice.structure', reason: 'practice.structure is required' },
    ]);
  });
});
