import { Prng } from '../prng';
import { Assignment, Member, RotaProblem, Shift } from '../model';

/**
 * Random small problems touching every rule, for property tests. With
 * `feasibleByConstruction` no rule has a minimum, so the empty rota is valid and a
 * solver must never return a rota with a hard breach.
 */
export function randomProblem(seed: number, feasibleByConstruction = false): RotaProblem {
  const rng = new Prng(seed);
  const pick = <T>(xs: T[]): T => xs[rng.int(xs.length)];
  const days = 3 + rng.int(9);
  const kinds = ['morning', 'afternoon', 'night'];
  const sites = ['valence', 'romans'];
  const shifts: Shift[] = [];
  for (let day = 0; day < days; day++) {
    const count = rng.int(4);
    for (let i = 0; i < count; i++) {
      const start = rng.int(24) * 60;
      const end = start + 60 * (1 + rng.int(12));
      shifts.push({
        id: `s${day}-${i}`, kind: pick(kinds), day, start, end, siteId: pick(sites), campaignId: rng.int(3) === 0 ? 'flu' : undefined,
        needs: rng.int(2) === 0
          ? [{ role: 'doctor', count: 1 + rng.int(2), professions: ['gp'] }, { role: 'nurse', count: 1 + rng.int(2), professions: ['nurse'], skills: rng.int(2) ? ['vaccination'] : [] }]
          : [{ role: 'any', count: rng.int(3), overWeight: rng.int(5) }],
      });
    }
  }
  const loans = [{ id: 'loan', partner: 'SPSTI', siteIds: ['valence'], fromDay: rng.int(days), toDay: days - 1, maxMinutes: 60 * (4 + rng.int(20)) }];
  const members: Member[] = [];
  const size = 2 + rng.int(6);
  for (let i = 0; i < size; i++) {
    members.push({
      id: `m${i}`, profession: pick(['gp', 'nurse']), skills: rng.int(2) ? ['vaccination'] : [], communes: [pick(['c1', 'c2'])],
      availability: rng.int(3) === 0 ? Array.from({ length: days }, (_, day) => ({ day, start: 6 * 60, end: 22 * 60 })) : undefined,
      daysOff: rng.int(2) ? [rng.int(days)] : [],
      maxMinutesPerWeek: rng.int(2) ? 60 * (8 + rng.int(40)) : undefined,
      maxMinutes: rng.int(2) ? 60 * (8 + rng.int(60)) : undefined,
      minMinutes: feasibleByConstruction || rng.int(3) ? undefined : 60 * rng.int(20),
      maxShiftsByKind: rng.int(2) ? { night: rng.int(3) } : undefined,
      maxConsecutiveDays: rng.int(2) ? 1 + rng.int(4) : undefined,
      minConsecutiveDays: feasibleByConstruction || rng.int(2) ? undefined : 1 + rng.int(3),
      minConsecutiveDaysOff: feasibleByConstruction || rng.int(2) ? undefined : 1 + rng.int(3),
      maxWeekends: rng.int(2) ? rng.int(2) : undefined,
      preferences: [
        { type: 'wants', day: rng.int(days), shiftKind: pick(kinds), weight: 1 + rng.int(5) },
        { type: 'avoids', shiftKind: pick(kinds), weight: 1 + rng.int(5) },
        { type: 'prefers', siteId: pick(sites), weight: 1 + rng.int(3) },
        // Day-bound avoids and prefers: compile files preferences by day, and a `prefers`
        // with a day still costs on every other day.
        { type: 'avoids', day: rng.int(days), weight: 1 + rng.int(4) },
        { type: 'prefers', day: rng.int(days), shiftKind: pick(kinds), weight: 1 + rng.int(3) },
      ],
      loanId: rng.int(4) === 0 ? 'loan' : undefined,
    });
  }
  const previousRota: Assignment[] = [];
  for (const s of shifts) if (rng.int(3) === 0) previousRota.push({ memberId: pick(members).id, shiftId: s.id, role: s.needs[0].role });
  return {
    startDate: pick(['2026-01-05', '2026-01-08', '2026-01-10']),
    days,
    sites: sites.map((id) => ({ id, name: id })),
    shifts,
    members,
    loans,
    pairs: size > 1 ? [{ memberA: 'm0', memberB: 'm1' }] : [],
    forbiddenSuccessions: [{ first: 'night', then: 'morning' }],
    previousRota: rng.int(2) ? previousRota : undefined,
    travelKm: { c1: { valence: 3, romans: 18 }, c2: { valence: 12, romans: 2 } },
    settings: { minRestMinutes: 60 * (8 + rng.int(5)) },
  };
}
