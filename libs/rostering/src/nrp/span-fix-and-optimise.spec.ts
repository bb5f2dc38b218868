import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '../compile';
import { Prng } from '../prng';
import { ScoreState } from '../score-state';
import { BENCHMARK_DIR, annealedRota, rosterOf } from '../testing/nrp-cells';
import { FixAndOptimise } from './fix-and-optimise';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { SpanFixAndOptimise } from './span-fix-and-optimise';
import { spanAround } from './span-problem';

describe('spanAround', () => {
  it('takes whole weeks with the rules’ reach of fixed days on each side, within the horizon', () => {
    expect(spanAround(28, 14, 16, 6)).toEqual([7, 27]);
    expect(spanAround(28, 10, 12, 6)).toEqual([0, 20]);
    expect(spanAround(364, 100, 101, 6)).toEqual([91, 111]);
    expect(spanAround(30, 27, 29, 6)).toEqual([21, 29]);
  });
});

describe('SpanFixAndOptimise', () => {
  it('finds the same optimum as the whole MIP on the same neighbourhood, keeps every fixed cell and every rule', async () => {
    // Instance5: 28 days, so a few days' neighbourhood sits in a span shorter than the horizon.
    const instance = parseNrp(
      readFileSync(resolve(BENCHMARK_DIR, 'Instance5.txt'), 'utf8'),
      'Instance5',
    );
    const model = compile(nrpToProblem(instance));
    const cells = annealedRota(model, 1_000_000);
    const whole = await FixAndOptimise.load(instance, model);
    const span = await SpanFixAndOptimise.load(instance, model);
    const rng = new Prng(7);
    const E = model.members;
    const D = model.days;
    let strictSpans = 0;
    try {
      for (let round = 0; round < 8; round++) {
        const members = 2 + rng.int(4);
        const days = 2 + rng.int(4);
        const first = rng.int(D - days + 1);
        const free = new Uint8Array(E * D);
        const chosen = new Set<number>();
        while (chosen.size < members) chosen.add(rng.int(E));
        for (const e of chosen) free.fill(1, e * D + first, e * D + first + days);
        const [from, to] = spanAround(D, first, first + days - 1, 6);
        if (from > 0 || to < D - 1) strictSpans++;
        const limits = { maxNodes: 100_000, timeLimitSeconds: 30 };
        const expected = whole.solve(cells, free, limits);
        const actual = span.solve(cells, free, limits);
        expect(expected?.proven).toBe(true);
        expect(actual?.proven).toBe(true);
        for (let c = 0; c < cells.length; c++)
          if (free[c] === 0) expect(actual!.cells[c]).toBe(cells[c]);
        const score = scoreNrpRoster(instance, rosterOf(model, actual!.cells));
        expect(score.hardViolations).toEqual([]);
        expect(score.objective).toBe(new ScoreState(model, expected!.cells).soft);
      }
    } finally {
      whole.dispose();
      span.dispose();
    }
    expect(strictSpans).toBeGreaterThan(0);
  }, 120_000);
});
