import { validate } from '@maillage/rostering';
import {
  buildRotaProblem,
  memberAvailability,
  RotaInput,
  stableUuid,
} from './rota-problem.adapter';
import { parisInstant, parisIso, parisLocal } from './paris-time';

const TENANT = 'cpts-test';
const everyDay = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  exceptions: [],
};

function input(overrides: Partial<RotaInput> = {}): RotaInput {
  return {
    tenantId: TENANT,
    periodStart: '2026-10-24', // Saturday, the night before the switch to winter time
    periodEnd: '2026-10-26',
    sites: [
      {
        siteId: '11111111-1111-4111-8111-111111111111',
        kind: 'vaccination-centre',
        name: 'Parc expo',
        commune: '26362',
        lines: [{ name: 'Ligne 1', boxes: 3 }],
        bands: null,
      },
      {
        siteId: '22222222-2222-4222-8222-222222222222',
        kind: 'snp-sector',
        name: 'Nord',
        commune: null,
        lines: null,
        bands: [{ band: 'night', start: '20:00', end: '08:00', doctors: 2 }],
      },
    ],
    sessions: [
      {
        sessionId: 's1',
        siteId: '11111111-1111-4111-8111-111111111111',
        line: 'Ligne 1',
        day: '2026-10-26',
        startMinute: 480,
        endMinute: 780,
        boxes: 2,
      },
    ],
    requests: [],
    staff: [
      {
        memberId: 'd1',
        displayName: 'Dr Un',
        profession: 'doctor',
        skills: [],
        communes: [],
        availability: { ...everyDay, monthlyShiftCap: 2 },
        leftOn: null,
      },
      {
        memberId: 'n1',
        displayName: 'Inf Une',
        profession: 'nurse',
        skills: [{ code: 'can-vaccinate' }],
        communes: [],
        availability: everyDay,
        leftOn: '2026-10-25',
      },
    ],
    ...overrides,
  };
}

describe('rota problem adapter', () => {
  it('turns a vaccination session into a shift needing one doctor and one trained nurse per box', () => {
    const { problem, shifts } = buildRotaProblem(input());
    const vaccination = problem.shifts.find((s) => s.kind === 'vaccination')!;
    expect(vaccination).toMatchObject({
      day: 2,
      start: 480,
      end: 780,
      label: 'Parc expo — Ligne 1',
    });
    expect(vaccination.needs).toEqual([
      { role: 'doctor', count: 2, professions: ['doctor'] },
      { role: 'nurse', count: 2, professions: ['nurse'], skills: ['can-vaccinate'] },
    ]);
    const meta = shifts.find((s) => s.shiftId === vaccination.id)!;
    expect(meta.startsAt).toBe('2026-10-26T08:00:00+01:00');
  });

  it('runs an SNP night band across midnight and the change of time', () => {
    const { problem, shifts } = buildRotaProblem(input());
    const nights = problem.shifts.filter((s) => s.kind === 'snp-night');
    expect(nights).toHaveLength(3);
    expect(nights[0]).toMatchObject({ day: 0, start: 1200, end: 1920 });
    const first = shifts.find((s) => s.shiftId === nights[0].id)!;
    // 20:00 summer time on Saturday to 08:00 winter time on Sunday: 13 hours
    expect(first.startsAt).toBe('2026-10-24T20:00:00+02:00');
    expect(first.endsAt).toBe('2026-10-25T08:00:00+01:00');
  });

  it('gives the same shift the same id in every solve, and a different one elsewhere', () => {
    const a = buildRotaProblem(input()).problem.shifts.map((s) => s.id);
    const b = buildRotaProblem(input()).problem.shifts.map((s) => s.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(stableUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('turns a campaign staffing request into a shift with its needs, on its site or none', () => {
    const { problem, shifts } = buildRotaProblem(
      input({
        requests: [
          {
            requestId: 'r1',
            title: 'ICOPE Beaumont',
            siteId: null,
            startsAt: new Date('2026-10-25T09:00:00+01:00'),
            endsAt: new Date('2026-10-25T12:30:00+01:00'),
            needs: [
              { profession: 'nurse', count: 2 },
              { skill: 'icope-trained', count: 3 },
            ],
          },
        ],
      }),
    );
    const campaign = problem.shifts.find((s) => s.kind === 'campaign')!;
    expect(campaign).toMatchObject({ day: 1, start: 540, end: 750, label: 'ICOPE Beaumont' });
    expect(campaign.needs).toEqual([
      { role: 'nurse', count: 2, professions: ['nurse'] },
      { role: 'icope-trained', count: 3, skills: ['icope-trained'] },
    ]);
    expect(shifts.find((s) => s.shiftId === campaign.id)!.staffingRequestId).toBe('r1');
  });

  it('maps the declared monthly cap and keeps a member who left off the days after', () => {
    const { problem } = buildRotaProblem(input());
    const doctor = problem.members.find((m) => m.id === 'd1')!;
    expect(doctor.maxShiftsByKind).toEqual({ vaccination: 2, 'snp-night': 2 });
    const nurse = problem.members.find((m) => m.id === 'n1')!;
    expect(nurse.daysOff).toEqual([2]);
    const vaccination = problem.shifts.find((s) => s.kind === 'vaccination')!;
    const check = validate(problem, [], {
      type: 'assign',
      assignment: { memberId: 'n1', shiftId: vaccination.id, role: 'nurse' },
    });
    expect(check.introduced.map((b) => b.rule)).toContain('availability');
  });

  it('turns weekly slots and exceptions into windows, joining a window that reaches midnight to the next one', () => {
    const { availability, daysOff } = memberAvailability(
      {
        weekly: [
          { weekday: 1, start: '08:00', end: '13:00' },
          { weekday: 1, start: '20:00', end: '24:00' },
          { weekday: 2, start: '00:00', end: '08:00' },
        ],
        exceptions: [
          {
            from: '2026-11-03',
            to: '2026-11-03',
            kind: 'unavailable',
            start: '00:00',
            end: '06:00',
          },
        ],
      },
      '2026-11-02', // Monday
      2,
      null,
    );
    expect(daysOff).toEqual([]);
    // the exception cuts Tuesday's small hours: Monday evening no longer runs on
    expect(availability).toEqual([
      { day: 0, start: 480, end: 780 },
      { day: 0, start: 1200, end: 1440 },
      { day: 1, start: 360, end: 480 },
    ]);
    const night = memberAvailability(
      {
        weekly: [
          { weekday: 1, start: '20:00', end: '24:00' },
          { weekday: 2, start: '00:00', end: '08:00' },
        ],
        exceptions: [],
      },
      '2026-11-02',
      2,
      null,
    );
    expect(night.availability).toEqual([
      { day: 0, start: 1200, end: 1920 },
      { day: 1, start: 0, end: 480 },
    ]);
  });
});

describe('lent staff', () => {
  it("keeps a lent person to the loan's sites and period, under its hours cap", () => {
    const base = input();
    const { problem } = buildRotaProblem({
      ...base,
      staff: [
        ...base.staff,
        {
          memberId: 'lent1',
          displayName: 'Dr Prêté',
          profession: 'doctor',
          skills: [],
          communes: [],
          availability: everyDay,
          leftOn: null,
          loan: {
            loanId: 'agreement:clause',
            partnerName: 'SPSTI 65',
            siteIds: ['22222222-2222-4222-8222-222222222222'],
            startsOn: '2026-10-25',
            endsOn: '2026-10-31',
            maxHoursPerMonth: 20,
          },
        },
      ],
    });
    expect(problem.loans).toEqual([
      {
        id: 'agreement:clause',
        partner: 'SPSTI 65',
        siteIds: ['22222222-2222-4222-8222-222222222222'],
        fromDay: 1,
        toDay: 2,
        maxMinutes: 1200,
      },
    ]);
    const lent = problem.members.find((m) => m.id === 'lent1')!;
    expect(lent.loanId).toBe('agreement:clause');
    expect(lent.daysOff).toEqual([0]);
    const vaccination = problem.shifts.find((s) => s.kind === 'vaccination')!;
    const outOfScope = validate(problem, [], {
      type: 'assign',
      assignment: { memberId: 'lent1', shiftId: vaccination.id, role: 'doctor' },
    });
    expect(outOfScope.introduced.map((b) => b.rule)).toContain('loan-scope');
    const night = problem.shifts.find((s) => s.kind === 'snp-night' && s.day === 1)!;
    expect(
      validate(problem, [], {
        type: 'assign',
        assignment: { memberId: 'lent1', shiftId: night.id, role: 'gp' },
      }).valid,
    ).toBe(true);
  });
});

describe('Paris time', () => {
  it('converts wall-clock times to instants and back across the change of time', () => {
    expect(parisIso(parisInstant('2026-10-25', 8 * 60))).toBe('2026-10-25T08:00:00+01:00');
    expect(parisIso(parisInstant('2026-10-24', 8 * 60))).toBe('2026-10-24T08:00:00+02:00');
    expect(parisLocal(new Date('2026-03-29T01:30:00Z'))).toEqual({
      date: '2026-03-29',
      minutes: 3 * 60 + 30,
    });
  });
});
