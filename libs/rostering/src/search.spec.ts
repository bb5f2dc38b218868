import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NONE, compile } from './compile';
import { parseNrp } from './nrp/parse-nrp';
import { nrpToProblem } from './nrp/nrp-to-problem';
import { assignmentsToCells, cellsToAssignments } from './rota';
import { Assignment, RotaProblem } from './model';
import { LocalSearch, SearchOptions } from './search';
import { BENCHMARK_DIR, annealedRota } from './testing/nrp-cells';
import { member, on, shift, tinyProblem } from './testing/tiny-problem';

function benchmarkModel(name: string) {
  const text = readFileSync(resolve(BENCHMARK_DIR, `${name}.txt`), 'utf8');
  return compile(nrpToProblem(parseNrp(text, name)));
}
const instance1Model = () => benchmarkModel('Instance1');

/**
 * The rota after one move of a search standing on `start` (the moves are private and
 * drawn at random inside the search: calling one alone shows whom it picks).
 */
function rotaAfterOneMove(
  model: ReturnType<typeof compile>,
  start: Int32Array,
  seed: number,
  move: 'coverMove' | 'deficitMove' | 'preferenceMove',
  options: Partial<SearchOptions> = {},
): Assignment[] {
  const search = new LocalSearch(model, start, {
    seed,
    timeLimitMs: 60_000,
    construct: false,
    ...options,
  });
  (search as unknown as Record<typeof move, () => void>)[move]();
  return cellsToAssignments(model, search.current);
}

function runFor(search: LocalSearch, ms: number): void {
  const until = Date.now() + ms;
  while (!search.done && Date.now() < until) search.runSlice(50);
}

describe('LocalSearch cooling', () => {
  it('after coolOver, cools over the clock once and stays cold, ending valid', () => {
    const search = new LocalSearch(instance1Model(), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      // Short fixed cycles: had the schedule stayed on iterations, it would have wrapped many times.
      coolingIterations: 20_000,
    });
    search.coolOver(1000);
    runFor(search, 400);
    expect(search.result().iterations).toBeGreaterThan(20_000);
    const midway = search.coolingProgress;
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(1);
    runFor(search, 400);
    expect(search.coolingProgress).toBeGreaterThanOrEqual(midway);
    runFor(search, 600);
    expect(search.coolingProgress).toBe(1);
    runFor(search, 300);
    expect(search.coolingProgress).toBe(1);
    expect(search.result().hard).toBe(0);
  });

  it('otherwise restarts its cycle every coolingIterations iterations', () => {
    const search = new LocalSearch(instance1Model(), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      coolingIterations: 20_000,
      maxIterations: 30_000,
    });
    while (!search.done) search.runSlice(50);
    expect(search.result().iterations).toBe(30_000);
    expect(search.coolingProgress).toBe(0.5);
  });
});

describe('LocalSearch.continueFrom', () => {
  it('adopts a repaired rota as current and best when it beats the best', () => {
    const model = instance1Model();
    const valid = annealedRota(model, 200_000);
    const search = new LocalSearch(model, new Int32Array(valid.length).fill(NONE), {
      seed: 1,
      timeLimitMs: 60_000,
      construct: false,
      maxIterations: 0,
    });
    expect(search.result().hard).toBeGreaterThan(0);
    search.continueFrom(valid);
    expect(search.result().hard).toBe(0);
    expect(Array.from(search.result().cells)).toEqual(Array.from(valid));
  });
});

describe('LocalSearch.focusOn', () => {
  const model = benchmarkModel('Instance5');
  // A valid rota with two members' rows emptied: both fall below their minimum hours.
  let broken: Int32Array;
  let annealed: Int32Array;
  beforeAll(() => {
    annealed = annealedRota(model, 1_000_000);
    broken = Int32Array.from(annealed);
    for (const e of [3, 11]) broken.fill(NONE, e * model.days, (e + 1) * model.days);
  });
  const run = (focus: number[] | undefined, maxIterations: number) => {
    const search = new LocalSearch(model, broken, {
      seed: 3,
      timeLimitMs: 60_000,
      construct: false,
      maxIterations,
    });
    if (focus) search.focusOn(focus);
    while (!search.done) search.runSlice(50);
    return search;
  };

  it('with no member to focus on, replays the run of the same seed without a focus', () => {
    expect(Array.from(run([], 3000).current)).toEqual(Array.from(run(undefined, 3000).current));
  });

  it('focuses on the rows the current rota breaks, though its best is valid', () => {
    const search = new LocalSearch(model, Int32Array.from(annealed), {
      seed: 3,
      timeLimitMs: 60_000,
      construct: false,
      maxIterations: 0,
    });
    expect(search.focusOnBreaking()).toEqual([]);
    for (let d = 0; d < model.days; d++) search.state.change(11, d, NONE);
    expect(search.result().hard).toBe(0);
    expect(search.focusOnBreaking()).toEqual([11]);
  });

  it('draws the rows it re-optimises from the members it focuses on too', () => {
    // Cold, few moves and a row re-optimisation every 10 iterations, over 20 seeds: the
    // rows emptied after the start (a broken start is repaired row by row at once) are
    // mended by re-optimisations that draw them. Drawing the rows from every member, the
    // focused runs end with 56,820 hard minutes in all, against 101,640 unfocused.
    const hardAfter = (seed: number, focus?: number[]) => {
      const search = new LocalSearch(model, Int32Array.from(annealed), {
        seed,
        timeLimitMs: 60_000,
        construct: false,
        maxIterations: 100,
        rowReoptimiseEvery: 10,
        temperature: [1e-3, 1e-3],
      });
      for (const e of [3, 11]) for (let d = 0; d < model.days; d++) search.state.change(e, d, NONE);
      if (focus) search.focusOn(focus);
      while (!search.done) search.runSlice(50);
      return search.state.hard;
    };
    let plain = 0;
    let focused = 0;
    for (let seed = 1; seed <= 20; seed++) {
      plain += hardAfter(seed);
      focused += hardAfter(seed, [3, 11]);
    }
    expect(focused).toBeLessThan(plain / 4);
  });

  it('repairs the members it focuses on sooner', () => {
    const plain = run(undefined, 3000).result().hard;
    const focused = run([3, 11], 3000).result().hard;
    expect(plain).toBeGreaterThan(0);
    expect(focused).toBeLessThan(plain);
  });
});

describe('LocalSearch seekingSoftWeight', () => {
  const model = benchmarkModel('Instance5');
  /** The current rota after `iterations` from an empty rota (every member short of hours). */
  const run = (seekingSoftWeight: number | undefined, iterations: number) => {
    const search = new LocalSearch(model, new Int32Array(model.members * model.days).fill(NONE), {
      seed: 2,
      timeLimitMs: 60_000,
      construct: false,
      maxIterations: iterations,
      seekingSoftWeight,
    });
    while (!search.done) search.runSlice(50);
    return search;
  };

  it('weighs soft costs at 0.02 while no rota is valid by default', () => {
    expect(Array.from(run(0.02, 20_000).current)).toEqual(Array.from(run(undefined, 20_000).current));
  });

  it('weighed more, stands on a cheaper rota while still seeking a valid one', () => {
    const light = run(undefined, 20_000).state;
    const heavy = run(1, 20_000).state;
    expect(light.hard).toBeGreaterThan(0);
    expect(heavy.hard).toBeGreaterThan(0);
    expect(heavy.soft).toBeLessThan(light.soft);
  });
});

describe('LocalSearch construction candidates', () => {
  const constructed = (candidates?: number) =>
    new LocalSearch(benchmarkModel('Instance5'), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      maxIterations: 0,
      constructionCandidates: candidates,
    });

  it('tries every member per place by default', () => {
    const model = benchmarkModel('Instance5');
    expect(constructed().state.cells).toEqual(constructed(model.members).state.cells);
  });

  it('with fewer candidates builds another rota, breaking no more rules than the empty rota', () => {
    const empty = new LocalSearch(benchmarkModel('Instance5'), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      maxIterations: 0,
      construct: false,
    });
    for (const candidates of [1, 4]) {
      const search = constructed(candidates);
      expect(search.state.cells).not.toEqual(constructed().state.cells);
      expect(search.state.cells.some((v) => v !== NONE)).toBe(true);
      expect(search.state.hard).toBeLessThanOrEqual(empty.state.hard);
    }
  });
});

describe('LocalSearch deficit move on a week-end', () => {
  // Two weeks from a Monday, one nurse a shift. B has worked their one week-end (the
  // first); A works the Saturday of the second, whose Sunday nobody works.
  const problem = tinyProblem({
    days: 14,
    shifts: [
      shift('sat1', 5, '08:00', '14:00'),
      shift('sun1', 6, '08:00', '14:00'),
      shift('wed2', 9, '08:00', '14:00'),
      shift('thu2', 10, '08:00', '14:00'),
      shift('sat2', 12, '08:00', '14:00'),
      shift('sun2', 13, '08:00', '14:00'),
    ],
    members: [member('A', { maxWeekends: 1 }), member('B', { maxWeekends: 1 })],
  });
  const model = compile(problem);
  const start = assignmentsToCells(model, [
    on('B', 'sat1'),
    on('B', 'sun1'),
    on('B', 'thu2'),
    on('A', 'wed2'),
    on('A', 'sat2'),
  ]).cells;
  // Who takes sun2 after one deficit move.
  const takerOfSunday = (seed: number, weekendDeficitFirst: boolean) =>
    rotaAfterOneMove(model, start, seed, 'deficitMove', { weekendDeficitFirst }).find(
      (a) => a.shiftId === 'sun2',
    )?.memberId;
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);

  it('gives a short week-end place to a member working the other day of it', () => {
    const takers = seeds.map((seed) => takerOfSunday(seed, true));
    expect(takers).toContain('A');
    expect(takers).not.toContain('B');
  });

  it('otherwise to the first member free from a random one, at the cost of a week-end more', () => {
    const takers = seeds.map((seed) => takerOfSunday(seed, false));
    expect(takers).toContain('A');
    expect(takers).toContain('B');
  });
});

describe('LocalSearch deficit move share', () => {
  // Counts the deficit moves drawn over a fixed number of iterations (deterministic per seed).
  const deficitMovesDrawn = (deficitMoves: number | undefined) => {
    const spy = jest.spyOn(
      LocalSearch.prototype as unknown as { deficitMove(): void },
      'deficitMove',
    );
    try {
      const search = new LocalSearch(instance1Model(), undefined, {
        seed: 1,
        timeLimitMs: 60_000,
        maxIterations: 24_000,
        deficitMoves,
      });
      while (!search.done) search.runSlice(50);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };

  // Within 10 % of slots × 1000 (the draws' spread is about 1 %): 4 and 5 slots stay apart.
  const expectAbout = (drawn: number, slots: number) => {
    expect(drawn).toBeGreaterThan(slots * 900);
    expect(drawn).toBeLessThan(slots * 1100);
  };

  it('draws 2 of every 24 moves by default, and as many slots as asked up to 5', () => {
    expectAbout(deficitMovesDrawn(undefined), 2);
    expectAbout(deficitMovesDrawn(4), 4);
    expectAbout(deficitMovesDrawn(9), 5);
    expect(deficitMovesDrawn(0)).toBe(0);
  });
});

describe('LocalSearch moves with surplusFirst', () => {
  // One day, two shifts of one nurse: A and B both work the early one (one too many),
  // nobody the late one; C is free.
  const problem = tinyProblem({
    days: 7,
    shifts: [shift('early', 0, '08:00', '14:00'), shift('late', 0, '14:00', '20:00')],
    members: [member('A'), member('B'), member('C')],
  });
  const model = compile(problem);
  const start = assignmentsToCells(model, [on('A', 'early'), on('B', 'early')]).cells;
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  // Who works which shift after one move.
  const after = (seed: number, move: 'coverMove' | 'deficitMove', surplusFirst: boolean) => {
    const rota = rotaAfterOneMove(model, start, seed, move, { surplusFirst });
    return {
      late: rota.find((a) => a.shiftId === 'late')?.memberId,
      early: rota.filter((a) => a.shiftId === 'early').length,
    };
  };

  it('a deficit move takes a member of the need with one to spare that day', () => {
    for (const seed of seeds) {
      const { late, early } = after(seed, 'deficitMove', true);
      expect(['A', 'B']).toContain(late);
      expect(early).toBe(1);
    }
    // Without it the move looks for a member free that day with a shift to move: none.
    expect(seeds.map((seed) => after(seed, 'deficitMove', false).late)).toEqual(
      seeds.map(() => undefined),
    );
  });

  it('a cover move on the short need takes from the surplus before anyone free', () => {
    const takers = (surplusFirst: boolean) =>
      seeds.map((seed) => after(seed, 'coverMove', surplusFirst).late).filter(Boolean);
    const withSurplus = takers(true);
    expect(withSurplus.length).toBeGreaterThan(0);
    expect(withSurplus.every((m) => m === 'A' || m === 'B')).toBe(true);
    expect(takers(false)).toContain('C');
  });
});

describe('LocalSearch deficit move on a week-end, fitting the member around the place', () => {
  // Morning nurse shifts (08:00–14:00), by id and day.
  const mornings = (days: Record<string, number>) =>
    Object.entries(days).map(([id, day]) => shift(id, day, '08:00', '14:00'));
  // Who works what (`member:shift`, sorted) after one deficit move, for seeds 1–30. The
  // move draws up to 8 needs at random for a short one, so some seeds fill another short
  // need or none; every seed whose move fills `place` must give `expected`.
  const expectTakenAs = (
    problem: RotaProblem,
    start: Assignment[],
    place: string,
    expected: string[],
  ) => {
    const model = compile(problem);
    const cells = assignmentsToCells(model, start).cells;
    const outcomes = Array.from({ length: 30 }, (_, i) =>
      rotaAfterOneMove(model, cells, i + 1, 'deficitMove', { weekendDeficitFirst: true })
        .map((a) => `${a.memberId}:${a.shiftId}`)
        .sort(),
    );
    const filled = outcomes.filter((o) => o.some((a) => a.endsWith(`:${place}`)));
    expect(filled.length).toBeGreaterThan(5);
    for (const o of filled) expect(o).toEqual(expected);
  };

  it('gives up the far end of a run the place would make too long', () => {
    // A works Monday, Friday and Saturday, at most 2 days in a row.
    const problem = tinyProblem({
      days: 14,
      shifts: mornings({ mon2: 7, fri2: 11, sat2: 12, sun2: 13 }),
      members: [member('A', { maxConsecutiveDays: 2 })],
    });
    const start = [on('A', 'mon2'), on('A', 'fri2'), on('A', 'sat2')];
    expectTakenAs(problem, start, 'sun2', ['A:mon2', 'A:sat2', 'A:sun2']);
  });

  it('fits the run around a weekday place as well', () => {
    // A works Monday and Tuesday, at most 2 days in a row; Wednesday is short.
    const problem = tinyProblem({
      days: 7,
      shifts: mornings({ mon: 0, tue: 1, wed: 2 }),
      members: [member('A', { maxConsecutiveDays: 2 })],
    });
    expectTakenAs(problem, [on('A', 'mon'), on('A', 'tue')], 'wed', ['A:tue', 'A:wed']);
  });

  it('gives up a day worked alone of another week-end rather than work a week-end more', () => {
    // A works the first Saturday and the second Wednesday, one week-end at most; the
    // second Sunday is short.
    const problem = tinyProblem({
      days: 14,
      shifts: mornings({ sat1: 5, wed2: 9, sun2: 13 }),
      members: [member('A', { maxWeekends: 1 })],
    });
    expectTakenAs(problem, [on('A', 'sat1'), on('A', 'wed2')], 'sun2', ['A:sun2', 'A:wed2']);
  });

  it("moves the other day's shift to one that may precede the place, short of people first", () => {
    // A works Saturday's late shift, which the 11 h rest forbids before Sunday's early
    // one; Saturday's early shift is short too. C's Monday shift has one nurse to spare.
    const problem = tinyProblem({
      days: 14,
      shifts: [
        shift('mon2', 7, '08:00', '14:00', [{ role: 'nurse', count: 1 }]),
        shift('sat2-early', 12, '06:00', '14:00'),
        shift('sat2-late', 12, '14:00', '22:00'),
        shift('sun2-early', 13, '06:00', '14:00'),
      ],
      members: [member('A'), member('C')],
    });
    const start = [on('A', 'mon2'), on('C', 'mon2'), on('A', 'sat2-late')];
    expectTakenAs(problem, start, 'sun2-early', ['A:sat2-early', 'A:sun2-early', 'C:mon2']);
  });
});

describe('LocalSearch preference move', () => {
  // One day, an early and a late nurse shift; members work both, or one and C is free.
  const shifts = [
    shift('early', 0, '08:00', '14:00', undefined, { kind: 'early' }),
    shift('late', 0, '14:00', '20:00', undefined, { kind: 'late' }),
  ];
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  // Who works what (`member:shift`, sorted) after one preference move, for seeds 1–30.
  const outcomes = (problem: RotaProblem, start: Assignment[], preferenceMoves: boolean) => {
    const model = compile(problem);
    const cells = assignmentsToCells(model, start).cells;
    return seeds.map((seed) =>
      rotaAfterOneMove(model, cells, seed, 'preferenceMove', { preferenceMoves })
        .map((a) => `${a.memberId}:${a.shiftId}`)
        .sort()
        .join(' '),
    );
  };

  it('puts a member on the shift they asked for, and who worked it on theirs', () => {
    const problem = tinyProblem({
      days: 1,
      shifts,
      members: [
        member('A', { preferences: [{ type: 'wants', day: 0, shiftKind: 'early', weight: 5 }] }),
        member('B'),
      ],
    });
    const start = [on('A', 'late'), on('B', 'early')];
    const withMove = outcomes(problem, start, true);
    // Each seed draws up to 8 (member, day) cells: A's day 0 is the only one to improve.
    expect(withMove).toContain('A:early B:late');
    expect(withMove.every((o) => o === 'A:early B:late' || o === 'A:late B:early')).toBe(true);
    expect(outcomes(problem, start, false)).toEqual(seeds.map(() => 'A:late B:early'));
  });

  it('gives the day off a member asked for, and their shift to a member free that day', () => {
    const problem = tinyProblem({
      days: 1,
      shifts,
      members: [
        member('A', { preferences: [{ type: 'avoids', day: 0, weight: 5 }] }),
        member('B'),
        member('C'),
      ],
    });
    const start = [on('A', 'early'), on('B', 'late')];
    const withMove = outcomes(problem, start, true);
    expect(withMove).toContain('B:late C:early');
    expect(withMove.every((o) => o === 'B:late C:early' || o === 'A:early B:late')).toBe(true);
  });
});
