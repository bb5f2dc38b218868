import { competes, fallsOnSectors, groupOverlaps, RadarAction } from './overlap-radar';

// Tarbes and Séméac share an EPCI (CA Tarbes-Lourdes-Pyrénées); Bagnères does not.
const EPCI: Record<string, string> = { '65440': 'tlp', '65417': 'tlp', '65059': 'haute-bigorre' };
const placeOf = (commune: string): string[] => [commune, `epci:${EPCI[commune] ?? commune}`];

const action = (
  id: string,
  tenantId: string,
  communes: string[],
  start: string,
  end: string,
  online = false,
): RadarAction => ({
  id,
  tenantId,
  communes,
  online,
  startsAt: new Date(`2026-12-03T${start}:00+01:00`),
  endsAt: new Date(`2026-12-03T${end}:00+01:00`),
});

describe('overlap radar', () => {
  it('sees two actions in the same EPCI at the same time as competing, not one elsewhere or later', () => {
    const tarbes = action('a', 'cpts-1', ['65440'], '09:00', '12:00');
    expect(competes(tarbes, action('b', 'cpts-2', ['65417'], '11:00', '13:00'), placeOf)).toBe(
      true,
    );
    expect(competes(tarbes, action('c', 'cpts-2', ['65059'], '11:00', '13:00'), placeOf)).toBe(
      false,
    );
    expect(competes(tarbes, action('d', 'cpts-2', ['65440'], '12:00', '13:00'), placeOf)).toBe(
      false,
    );
    expect(competes(tarbes, action('e', 'cpts-3', [], '10:00', '11:00', true), placeOf)).toBe(true);
  });

  it('groups overlapping actions transitively, keeps the others alone, in order of start', () => {
    const groups = groupOverlaps(
      [
        action('late', 'cpts-3', ['65059'], '18:00', '20:00'),
        action('a', 'cpts-1', ['65440'], '09:00', '12:00'),
        action('c', 'cpts-1', ['65417'], '11:30', '14:00'),
        action('b', 'cpts-2', ['65440'], '08:00', '09:30'),
      ],
      placeOf,
    );
    expect(
      groups.map((g) => ({
        ids: g.actions.map((a) => a.id),
        overlapping: g.overlapping,
        tenants: g.tenantIds,
      })),
    ).toEqual([
      { ids: ['b', 'a', 'c'], overlapping: true, tenants: ['cpts-1', 'cpts-2'] },
      { ids: ['late'], overlapping: false, tenants: ['cpts-3'] },
    ]);
    expect(groups[0].startsAt.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(groups[0].endsAt.toISOString()).toBe('2026-12-03T13:00:00.000Z');
  });

  it('places an online action on the territory of its CPTS', () => {
    const sectors = new Set(['65440']);
    const territory = (tenantId: string): string[] =>
      tenantId === 'cpts-tarbes' ? ['65440', '65417'] : ['31555'];
    expect(
      fallsOnSectors(action('w', 'cpts-tarbes', [], '18:00', '19:00', true), sectors, territory),
    ).toBe(true);
    expect(
      fallsOnSectors(action('w', 'cpts-toulouse', [], '18:00', '19:00', true), sectors, territory),
    ).toBe(false);
    expect(
      fallsOnSectors(action('s', 'cpts-toulouse', ['65440'], '18:00', '19:00'), sectors, territory),
    ).toBe(true);
  });
});
