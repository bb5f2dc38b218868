import type { MemberAvailabilityV1 } from '@maillage/contracts';
import { StaffRecord } from '../rota/rota-problem.adapter';
import { assigneesByNeed, staffRequestWithEngine } from './request-staffing';
import { StaffingRequestEntity } from './staffing-request.entity';

const everyDay = (exceptions: MemberAvailabilityV1['exceptions'] = []): MemberAvailabilityV1 => ({
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  exceptions,
});
const person = (
  memberId: string,
  displayName: string,
  profession: string,
  skills: string[] = [],
  availability = everyDay(),
): StaffRecord => ({
  memberId,
  displayName,
  profession,
  skills: skills.map((code) => ({ code })),
  communes: ['26362'],
  availability,
  leftOn: null,
});

// Thursday 15 October 2026, 09:00–12:00 in Paris
const request = Object.assign(new StaffingRequestEntity(), {
  tenantId: 'cpts-a',
  requestId: '5b0d3c1e-8a7f-4c2b-9e6d-1f2a3b4c5d6e',
  title: 'Dépistage ICOPE',
  siteId: null,
  startsAt: new Date('2026-10-15T07:00:00Z'),
  endsAt: new Date('2026-10-15T10:00:00Z'),
  needs: [
    { profession: 'nurse', count: 2 },
    { skill: 'icope-trained', count: 1 },
  ],
  status: 'open',
});

describe('staffing a campaign session with the engine', () => {
  it('fills each need with qualified people available then, each person once', async () => {
    const staff = [
      person('00000000-0000-4000-8000-000000000001', 'Inès Arnaud', 'nurse'),
      // on holiday that week
      person(
        '00000000-0000-4000-8000-000000000002',
        'Luc Bernard',
        'nurse',
        [],
        everyDay([{ from: '2026-10-12', to: '2026-10-18', kind: 'unavailable' }]),
      ),
      person('00000000-0000-4000-8000-000000000003', 'Paul Durand', 'nurse'),
      person('00000000-0000-4000-8000-000000000004', 'Anne Chabert', 'pharmacist', [
        'icope-trained',
      ]),
      person('00000000-0000-4000-8000-000000000005', 'Marc Petit', 'doctor'),
    ];
    const staffing = await staffRequestWithEngine({ tenantId: 'cpts-a', request, staff });
    expect(staffing.map((need) => need.map((p) => p.displayName).sort())).toEqual([
      ['Inès Arnaud', 'Paul Durand'],
      ['Anne Chabert'],
    ]);
  });

  it('leaves a need unfilled rather than staff someone unqualified or unavailable', async () => {
    const staff = [
      person('00000000-0000-4000-8000-000000000001', 'Inès Arnaud', 'nurse'),
      // available only in the afternoon
      person('00000000-0000-4000-8000-000000000006', 'Léa Roux', 'nurse', ['icope-trained'], {
        weekly: [4].map((weekday) => ({ weekday, start: '14:00', end: '18:00' })),
        exceptions: [],
      }),
      person('00000000-0000-4000-8000-000000000005', 'Marc Petit', 'doctor'),
    ];
    const staffing = await staffRequestWithEngine({ tenantId: 'cpts-a', request, staff });
    expect(staffing.map((need) => need.map((p) => p.displayName))).toEqual([['Inès Arnaud'], []]);
  });

  it('gives each assignment back to the need whose role it fills, within its count', () => {
    const names = new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
    expect(
      assigneesByNeed(
        [
          { profession: 'nurse', count: 1 },
          { profession: 'nurse', skill: 'can-vaccinate', count: 1 },
        ],
        [
          { memberId: 'a', role: 'nurse' },
          { memberId: 'b', role: 'nurse+can-vaccinate' },
          { memberId: 'c', role: 'nurse' },
        ],
        names,
      ),
    ).toEqual([[{ memberId: 'a', displayName: 'A' }], [{ memberId: 'b', displayName: 'B' }]]);
  });
});
