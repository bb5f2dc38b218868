/**
 * The overlap radar of a partner: actions of several CPTS that fall on its
 * sectors, grouped where they overlap in place and time, so that it can choose
 * where to send its few representatives. Plain functions, no Nest.
 */

export interface RadarAction {
  id: string;
  tenantId: string;
  communes: string[];
  online: boolean;
  startsAt: Date;
  endsAt: Date;
}

export interface ActionGroup<A extends RadarAction> {
  actions: A[];
  overlapping: boolean;
  startsAt: Date;
  endsAt: Date;
  tenantIds: string[];
}

/** Where an action is for the partner: its communes and their EPCI (no administrative unit matches a territory). */
export type PlaceOf = (commune: string) => string[];

const timesOverlap = (a: RadarAction, b: RadarAction): boolean =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * Two actions compete for the same representative when they run at the same
 * time and in the same place — the same commune or the same EPCI; an online
 * action competes with everything at its time.
 */
export function competes(a: RadarAction, b: RadarAction, placeOf: PlaceOf): boolean {
  if (!timesOverlap(a, b)) return false;
  if (a.online || b.online) return true;
  const places = new Set(a.communes.flatMap(placeOf));
  return b.communes.flatMap(placeOf).some((p) => places.has(p));
}

/** Actions falling on the partner's sectors (an online action falls where its CPTS territory does). */
export function fallsOnSectors(
  action: RadarAction,
  sectors: ReadonlySet<string>,
  territoryOf: (tenantId: string) => string[],
): boolean {
  const communes =
    action.online && action.communes.length === 0 ? territoryOf(action.tenantId) : action.communes;
  return communes.some((c) => sectors.has(c));
}

/** Groups competing actions (transitively) and sorts groups and their actions by start. */
export function groupOverlaps<A extends RadarAction>(
  actions: A[],
  placeOf: PlaceOf,
): ActionGroup<A>[] {
  const sorted = [...actions].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id),
  );
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].startsAt < sorted[i].endsAt; j++) {
      if (competes(sorted[i], sorted[j], placeOf)) parent[find(j)] = find(i);
    }
  }
  const byRoot = new Map<number, A[]>();
  sorted.forEach((action, i) => {
    const root = find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), action]);
  });
  return [...byRoot.values()].map((group) => ({
    actions: group,
    overlapping: group.length > 1,
    startsAt: new Date(Math.min(...group.map((a) => a.startsAt.getTime()))),
    endsAt: new Date(Math.max(...group.map((a) => a.endsAt.getTime()))),
    tenantIds: [...new Set(group.map((a) => a.tenantId))].sort(),
  }));
}
