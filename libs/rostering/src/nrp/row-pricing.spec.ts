import { NONE, compile } from '../compile';
import { Prng } from '../prng';
import { cellsToAssignments } from '../rota';
import { evaluate } from '../rules';
import { NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';
import { RowPricer } from './row-pricing';

/** One nurse over 7 days (or more), two shift types of different lengths; `capDays` caps the day shifts. */
function oneNurse(seed: number, capDays: boolean, days = 7, twin = false): NrpInstance {
  const rng = new Prng(seed);
  const weeks = days / 7;
  return {
    name: `one-${seed}`,
    horizonDays: days,
    shiftTypes: [
      { id: 'D', lengthMinutes: 480, cannotFollow: [] },
      { id: 'N', lengthMinutes: 600, cannotFollow: twin ? ['D', 'E'] : ['D'] },
      // A day shift the successions treat as D: the pricer's run states merge them.
      ...(twin ? [{ id: 'E', lengthMinutes: 480, cannotFollow: [] }] : []),
    ],
    employees: [
      {
        id: 'A',
        maxShifts: { D: capDays ? (2 + rng.int(4)) * weeks : days, N: rng.int(4) * weeks },
        maxTotalMinutes: (1800 + 600 * rng.int(4)) * weeks,
        minTotalMinutes: 480 * rng.int(4) * weeks,
        maxConsecutiveShifts: 2 + rng.int(3),
        minConsecutiveShifts: 1 + rng.int(3),
        minConsecutiveDaysOff: 1 + rng.int(2),
        maxWeekends: rng.int(weeks + 1),
        daysOff: rng.int(2) === 0 ? [rng.int(days)] : [],
      },
    ],
    shiftOnRequests: [],
    shiftOffRequests: [],
    cover: Array.from({ length: days }, (_, day) => [
      { day, shiftId: 'D', requirement: 1, weightUnder: 1, weightOver: 1 },
      { day, shiftId: 'N', requirement: 1, weightUnder: 1, weightOver: 1 },
      ...(twin ? [{ day, shiftId: 'E', requirement: 1, weightUnder: 1, weightOver: 1 }] : []),
    ]).flat(),
  };
}

/** Every row ((types + 1)^7), judged by the rulebook: the cheapest price among rows with no hard breach, or Infinity. */
function bruteForce(instance: NrpInstance, price: Float64Array): number {
  const D = instance.horizonDays;
  return bruteForceWindow(instance, price, new Int32Array(D).fill(NONE), 0, D);
}

/**
 * The rows keeping `row` outside [from, to), judged by the rulebook: the cheapest price
 * of the window's days among those with no hard breach, or Infinity.
 */
function bruteForceWindow(
  instance: NrpInstance,
  price: Float64Array,
  row: Int32Array,
  from: number,
  to: number,
  free?: Uint8Array,
): number {
  const problem = nrpToProblem(instance);
  const model = compile(problem);
  const trial = Int32Array.from(row);
  const choices = instance.shiftTypes.length + 1;
  const days: number[] = [];
  for (let d = from; d < to; d++) if (!free || free[d]) days.push(d);
  let best = Infinity;
  for (let code = 0; code < choices ** days.length; code++) {
    let rest = code;
    let cost = 0;
    for (const d of days) {
      const pick = rest % choices;
      rest = (rest - pick) / choices;
      trial[d] = pick === 0 ? NONE : model.dayNeeds[model.dayNeedStart[d] + pick - 1];
      if (trial[d] !== NONE) cost += price[trial[d]];
    }
    if (cost >= best) continue;
    const score = evaluate(problem, cellsToAssignments(model, trial));
    if (!score.breaches.some((b) => b.level === 'hard')) best = cost;
  }
  return best;
}

function randomPrices(seed: number, needs: number): Float64Array {
  const rng = new Prng(seed * 7919);
  return Float64Array.from({ length: needs }, () => rng.int(21) - 10);
}

describe('row pricing for column generation', () => {
  it('finds the cheapest valid row under any prices, as a brute force over every row finds it', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const instance = oneNurse(seed, false);
      const model = compile(nrpToProblem(instance));
      const price = randomPrices(seed, model.needs);
      const found = new RowPricer(model).cheapest(0, price);
      const optimum = bruteForce(instance, price);
      if (optimum === Infinity) {
        expect(found).toBeNull();
        continue;
      }
      expect(found).not.toBeNull();
      expect(found!.cost).toBeCloseTo(optimum, 9);
    }
  });

  it('with a second capped kind, never returns a row that breaks a rule, and bounds every row from below', () => {
    let exact = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = oneNurse(seed, true);
      const problem = nrpToProblem(instance);
      const model = compile(problem);
      const price = randomPrices(seed, model.needs);
      const pricer = new RowPricer(model);
      const found = pricer.cheapest(0, price);
      const optimum = bruteForce(instance, price);
      expect(pricer.lastBound).toBeLessThanOrEqual(optimum + 1e-9);
      if (found === null) continue;
      const score = evaluate(problem, cellsToAssignments(model, found.row));
      expect(score.breaches.filter((b) => b.level === 'hard')).toEqual([]);
      let cost = 0;
      for (const n of found.row) if (n !== NONE) cost += price[n];
      expect(found.cost).toBeCloseTo(cost, 9);
      expect(found.cost).toBeGreaterThanOrEqual(optimum - 1e-9);
      if (Math.abs(found.cost - optimum) < 1e-9) exact++;
    }
    // The second cap binds on a few seeds only, and its penalty finds most of those.
    expect(exact).toBeGreaterThanOrEqual(30);
  });

  it('with a second cap that binds (every shift wanted), still returns a valid row, mostly the cheapest, and a bound below it', () => {
    let exact = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = oneNurse(seed, true);
      const problem = nrpToProblem(instance);
      const model = compile(problem);
      const rng = new Prng(seed * 31);
      const price = Float64Array.from({ length: model.needs }, () => -1 - rng.int(10));
      const pricer = new RowPricer(model);
      const found = pricer.cheapest(0, price);
      const optimum = bruteForce(instance, price);
      expect(pricer.lastBound).toBeLessThanOrEqual(optimum + 1e-9);
      if (optimum === Infinity) continue;
      expect(found).not.toBeNull();
      expect(evaluate(problem, cellsToAssignments(model, found!.row)).breaches).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ level: 'hard' })]),
      );
      expect(found!.cost).toBeGreaterThanOrEqual(optimum - 1e-9);
      if (Math.abs(found!.cost - optimum) < 1e-9) exact++;
    }
    // The penalty finds the cheapest row on most seeds.
    expect(exact).toBeGreaterThanOrEqual(30);
  });

  it('within a window, finds the cheapest valid row keeping the others days, as a brute force over the window finds it', () => {
    const priced = pricesWindows(31, (rng) => {
      const length = 1 + rng.int(6);
      const from = rng.int(14 - length + 1);
      return { from, to: from + length };
    });
    expect(priced).toBeGreaterThanOrEqual(40);
  });

  it('with two timings the successions treat alike (one run state for both), prices as the brute force does', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const instance = oneNurse(seed, false, 7, true);
      const model = compile(nrpToProblem(instance));
      const price = randomPrices(seed, model.needs);
      const found = new RowPricer(model).cheapest(0, price);
      const optimum = bruteForce(instance, price);
      if (optimum === Infinity) expect(found).toBeNull();
      else expect(found!.cost).toBeCloseTo(optimum, 9);
    }
  });

  it('with kept days inside the window, finds the cheapest valid row changing the free days alone, as the brute force does', () => {
    const priced = pricesWindows(37, (rng) => {
      const from = rng.int(4);
      const to = from + 6 + rng.int(14 - from - 5);
      const free = new Uint8Array(14);
      let count = 0;
      for (let d = from; d < to; d++)
        if (count < 6 && rng.int(2) === 0) {
          free[d] = 1;
          count++;
        }
      return { from, to, free };
    });
    expect(priced).toBeGreaterThanOrEqual(40);
  });

  it('priced again over other windows, rows and masks, answers as a new pricer does (its cached frames follow them)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const model = compile(nrpToProblem(oneNurse(seed, seed % 3 === 0, 14)));
      const pricer = new RowPricer(model);
      const rows = [1000, 2000]
        .map((salt) => pricer.cheapest(0, randomPrices(seed + salt, model.needs))?.row)
        .filter((row): row is Int32Array => !!row);
      if (rows.length < 2) continue;
      const mask = new Uint8Array(14);
      for (let d = 2; d < 12; d += 2) mask[d] = 1;
      const windows = [
        { from: 3, to: 9, row: rows[0] },
        { from: 3, to: 9, row: rows[1] },
        { from: 2, to: 12, row: rows[1], free: mask },
        { from: 2, to: 12, row: rows[1] },
        { from: 3, to: 9, row: rows[0] },
        undefined,
        { from: 0, to: 5, row: rows[0] },
      ];
      for (const [k, window] of windows.entries()) {
        const price = randomPrices(seed * 7 + k, model.needs);
        const again = pricer.cheapest(0, price, window);
        const fresh = new RowPricer(model).cheapest(0, price, window);
        expect(again?.cost).toBe(fresh?.cost);
        expect(again?.row).toEqual(fresh?.row);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(100);
  });
});

/**
 * Over 60 two-week nurses, the window `pick` draws (with a mask or not) priced from a
 * valid row: the row kept on the other days, valid, costing its free days' prices, and
 * as cheap as the brute force over the free days. How many priced.
 */
function pricesWindows(
  salt: number,
  pick: (rng: Prng) => { from: number; to: number; free?: Uint8Array },
): number {
  let priced = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const instance = oneNurse(seed, seed % 3 === 0, 14);
    const problem = nrpToProblem(instance);
    const model = compile(problem);
    const pricer = new RowPricer(model);
    // A valid row to keep outside the window: the cheapest under other prices.
    const current = pricer.cheapest(0, randomPrices(seed + 1000, model.needs));
    if (!current) continue;
    const { from, to, free } = pick(new Prng(seed * salt));
    const changes = (d: number): boolean => d >= from && d < to && (!free || free[d] === 1);
    const price = randomPrices(seed, model.needs);
    const found = pricer.cheapest(0, price, { from, to, row: current.row, free });
    const optimum = bruteForceWindow(instance, price, current.row, from, to, free);
    // The row kept as it is stays valid, so a row is always found.
    expect(found).not.toBeNull();
    for (let d = 0; d < 14; d++) if (!changes(d)) expect(found!.row[d]).toBe(current.row[d]);
    const score = evaluate(problem, cellsToAssignments(model, found!.row));
    expect(score.breaches.filter((b) => b.level === 'hard')).toEqual([]);
    let cost = 0;
    for (let d = 0; d < 14; d++)
      if (changes(d) && found!.row[d] !== NONE) cost += price[found!.row[d]];
    expect(found!.cost).toBeCloseTo(cost, 9);
    expect(found!.cost).toBeCloseTo(optimum, 9);
    priced++;
  }
  return priced;
}
