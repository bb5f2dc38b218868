import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NONE, compile } from '../compile';
import { ScoreState } from '../score-state';
import {
  BENCHMARK_DIR,
  annealedRota,
  cellsOf,
  constructedRota,
  rosterOf,
} from '../testing/nrp-cells';
import { everyRoster, randomTinyInstance } from '../testing/random-nrp';
import { FixAndOptimise } from './fix-and-optimise';
import { NrpAssignment, NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { rowBreaches } from './solve-nrp';
import { rescueWindow, windowLns } from './window-lns';
import { Prng } from '../prng';

const instance1 = resolve(BENCHMARK_DIR, 'Instance1.txt');

/** Instance1 and the greedy construction's rota of it (valid). */
function constructedInstance1() {
  const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
  const model = compile(nrpToProblem(instance));
  return { instance, model, cells: constructedRota(model) };
}

/** The first valid rota of the enumeration and the best objective any valid rota reaches. */
function firstValidAndOptimum(instance: NrpInstance): { first: NrpAssignment[]; optimum: number } {
  let first: NrpAssignment[] | null = null;
  let optimum = Infinity;
  for (const roster of everyRoster(instance)) {
    const score = scoreNrpRoster(instance, roster);
    if (score.hardViolations.length > 0) continue;
    first ??= roster;
    optimum = Math.min(optimum, score.objective);
  }
  if (first === null) throw new Error(`${instance.name} has no valid rota`);
  return { first, optimum };
}

/** Tiny instance `seed`, its first valid rota as cells, and the optimum to reach from it. */
function tinyStart(seed: number) {
  const instance = randomTinyInstance(seed);
  const { first, optimum } = firstValidAndOptimum(instance);
  return { instance, optimum, ...cellsOf(instance, first) };
}

describe('FixAndOptimise', () => {
  it.each([2, 3, 4])(
    'with every cell free, turns any valid rota of tiny instance %i into a proven optimum',
    async (seed) => {
      const { instance, optimum, model, cells } = tinyStart(seed);
      const fo = await FixAndOptimise.load(instance, model);
      try {
        const out = fo.solve(cells, new Uint8Array(cells.length).fill(1), {
          maxNodes: 10_000,
          timeLimitSeconds: 10,
        });
        expect(out?.proven).toBe(true);
        const score = scoreNrpRoster(instance, rosterOf(model, out!.cells));
        expect(score).toEqual({ objective: optimum, hardViolations: [] });
      } finally {
        fo.dispose();
      }
    },
  );

  it('changes no fixed cell', async () => {
    const instance = randomTinyInstance(3);
    const { first } = firstValidAndOptimum(instance);
    const { model, cells } = cellsOf(instance, first);
    const fo = await FixAndOptimise.load(instance, model);
    try {
      // Free the first member's first three days only.
      const free = new Uint8Array(cells.length);
      free.fill(1, 0, 3);
      const out = fo.solve(cells, free, { maxNodes: 1000, timeLimitSeconds: 10 });
      expect(out).not.toBeNull();
      for (let c = 3; c < cells.length; c++) expect(out!.cells[c]).toBe(cells[c]);
    } finally {
      fo.dispose();
    }
  });
});

describe('windowLns', () => {
  (existsSync(instance1) ? it : it.skip)(
    'improves a valid Instance1 rota without breaking a rule, and its score is the scorer’s',
    async () => {
      const { instance, model, cells } = constructedInstance1();
      const before = scoreNrpRoster(instance, rosterOf(model, cells));
      expect(before.hardViolations).toEqual([]);
      const result = await windowLns(instance, model, cells, {
        seed: 1,
        deadline: Date.now() + 3000,
      });
      const after = scoreNrpRoster(instance, rosterOf(model, result.cells));
      expect(after.hardViolations).toEqual([]);
      expect(after.objective).toBeLessThan(before.objective);
      expect(result.improvements).toBeGreaterThan(0);
      expect(new ScoreState(model, result.cells).soft).toBe(after.objective);
    },
    20_000,
  );
});

describe('windowLns rows', () => {
  (existsSync(instance1) ? it : it.skip)(
    'leaves each Instance1 row the best HiGHS finds for that member alone, everyone else fixed',
    async () => {
      const { instance, model, cells } = constructedInstance1();
      const before = new ScoreState(model, cells).soft;
      const result = await windowLns(instance, model, cells, {
        seed: 1,
        kinds: ['rows'],
        exact: 'span',
        deadline: Date.now() + 3000,
      });
      const after = new ScoreState(model, result.cells);
      expect(after.hard).toBe(0);
      expect(after.soft).toBeLessThan(before);
      // Every member had their turn: no row alone can do better now.
      const fo = await FixAndOptimise.load(instance, model);
      try {
        const D = model.days;
        for (let e = 0; e < model.members; e++) {
          const free = new Uint8Array(result.cells.length).fill(1, e * D, (e + 1) * D);
          const out = fo.solve(result.cells, free, { maxNodes: 10_000, timeLimitSeconds: 10 });
          expect(out?.proven).toBe(true);
          expect([e, new ScoreState(model, out!.cells).soft]).toEqual([e, after.soft]);
        }
      } finally {
        fo.dispose();
      }
    },
    30_000,
  );
});

describe('windowLns rescue', () => {
  (existsSync(instance1) ? it : it.skip)(
    'turns an empty Instance1 rota, where every member is below their minimum hours, into a valid one',
    async () => {
      const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
      const problem = nrpToProblem(instance);
      const model = compile(problem);
      const empty = new Int32Array(model.members * model.days).fill(NONE);
      expect(rowBreaches(problem, model, empty).length).toBeGreaterThan(0);
      const result = await windowLns(instance, model, empty, {
        seed: 1,
        deadline: Date.now() + 5000,
        violators: (cells) => rowBreaches(problem, model, cells),
      });
      expect(rowBreaches(problem, model, result.cells)).toEqual([]);
      expect(scoreNrpRoster(instance, rosterOf(model, result.cells)).hardViolations).toEqual([]);
    },
    20_000,
  );
});

describe('rescueWindow', () => {
  const rng = new Prng(7);
  it('centres a window of the given length on the breaches, inside the horizon', () => {
    expect(rescueWindow({ member: 0, first: 10, last: 13 }, 28, 14, rng)).toEqual([4, 14]);
    expect(rescueWindow({ member: 0, first: 1, last: 1 }, 28, 14, rng)).toEqual([0, 14]);
    expect(rescueWindow({ member: 0, first: 27, last: 27 }, 28, 14, rng)).toEqual([14, 14]);
  });
  it('reaches three days beyond breaches spread wider than the length', () => {
    expect(rescueWindow({ member: 0, first: 100, last: 130 }, 364, 14, rng)).toEqual([97, 37]);
  });
  it('places a row whose breaches name no day anywhere, and frees whole rows when the window spans the horizon', () => {
    for (let i = 0; i < 20; i++) {
      const [first, length] = rescueWindow({ member: 0 }, 28, 14, rng)!;
      expect(length).toBe(14);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first + length).toBeLessThanOrEqual(28);
    }
    expect(rescueWindow({ member: 0, first: 2, last: 24 }, 28, 14, rng)).toBeUndefined();
    expect(rescueWindow({ member: 0, first: 5, last: 5 }, 14, 14, rng)).toBeUndefined();
  });
});

describe('windowLns windowed rescue', () => {
  const instance5 = resolve(BENCHMARK_DIR, 'Instance5.txt');
  (existsSync(instance5) ? it : it.skip)(
    'repairs a breach in the middle of a 28-day rota within a window around it, every other cell unchanged',
    async () => {
      const instance = parseNrp(readFileSync(instance5, 'utf8'), 'Instance5');
      const problem = nrpToProblem(instance);
      const model = compile(problem);
      const D = model.days;
      const valid = annealedRota(model, 100_000);
      // A lone working day between days off, mid-horizon: a run shorter than the minimum.
      const broken = Int32Array.from(valid);
      let e = 0;
      let day = -1;
      for (; e < model.members && day < 0; e++)
        for (let d = 12; d <= 16 && day < 0; d++) {
          const c = e * D + d;
          const lone = [-2, -1, 0, 1, 2].every((k) => broken[c + k] === NONE);
          if (lone && model.allowedStart[c + 1] > model.allowedStart[c]) {
            broken[c] = model.allowedNeeds[model.allowedStart[c]];
            day = d;
          }
        }
      e--;
      expect(day).toBeGreaterThanOrEqual(0);
      // Its own run, and the days off around it if they became too short.
      const [breach, ...others] = rowBreaches(problem, model, broken);
      expect(others).toEqual([]);
      expect(breach.member).toBe(e);
      expect(breach.first).toBeGreaterThanOrEqual(day - 3);
      expect(breach.last).toBeLessThanOrEqual(day + 3);

      const result = await windowLns(instance, model, broken, {
        seed: 1,
        exact: 'span',
        untilValid: true,
        deadline: Date.now() + 10_000,
        violators: (cells) => rowBreaches(problem, model, cells),
      });
      expect(rowBreaches(problem, model, result.cells)).toEqual([]);
      for (let c = 0; c < model.members * D; c++) {
        const inWindow = Math.floor(c / D) === e && Math.abs((c % D) - day) < 14;
        if (!inWindow) expect([c, result.cells[c]]).toEqual([c, broken[c]]);
      }
    },
    20_000,
  );
});

describe('windowLns whole-MIP round', () => {
  it.each([2, 3, 4])(
    'from `wholeFrom` on, solves tiny instance %i whole to its optimum and stops there',
    async (seed) => {
      const { instance, optimum, model, cells } = tinyStart(seed);
      const deadline = Date.now() + 15_000;
      const result = await windowLns(instance, model, cells, {
        seed: 1,
        deadline,
        wholeFrom: Date.now(),
      });
      expect(result.rounds).toBe(1);
      expect(scoreNrpRoster(instance, rosterOf(model, result.cells))).toEqual({
        objective: optimum,
        hardViolations: [],
      });
      // Proven at once, long before the deadline.
      expect(Date.now()).toBeLessThan(deadline);
    },
    20_000,
  );
});
