import fc from 'fast-check';
import { Prng } from '../prng';
import { neighbourhoodDays } from './neighbourhood-days';

/** The maximal runs of consecutive days in a sorted list, the horizon read as a circle. */
function runs(days: number[], horizon: number): number[][] {
  const out: number[][] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === day - 1) last.push(day);
    else out.push([day]);
  }
  // A run ending on the last day and one starting on day 0 are one run across the end.
  if (out.length > 1 && out[0][0] === 0 && out[out.length - 1].at(-1) === horizon - 1)
    out[0] = [...out.pop()!, ...out[0]];
  return out;
}

describe('neighbourhoodDays', () => {
  it('frees the asked number of distinct days of the horizon, in the asked number of windows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 1e9 }),
        (horizon, days, pieces, seed) => {
          const chosen = neighbourhoodDays(days, horizon, pieces, new Prng(seed));
          const count = Math.min(days, horizon);
          expect(chosen).toHaveLength(count);
          expect(new Set(chosen).size).toBe(count);
          expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
          expect(chosen[0]).toBeGreaterThanOrEqual(0);
          expect(chosen[count - 1]).toBeLessThan(horizon);
          const windows = runs(chosen, horizon);
          const fits = pieces <= count && horizon - count >= pieces;
          expect(windows).toHaveLength(fits ? pieces : 1);
          // Near-equal pieces: lengths differ by one day at most.
          const lengths = windows.map((w) => w.length);
          expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('puts any gap between two windows, not mostly small ones', () => {
    const rng = new Prng(7);
    const gaps = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const [first, second] = runs(neighbourhoodDays(8, 28, 2, rng), 28);
      // The gap after the first piece, the horizon read as a circle.
      gaps.add((second[0] - first[first.length - 1] - 1 + 28) % 28);
    }
    // Every gap from one day to the whole rest of the horizon but one (28 − 8 − 1 = 19).
    expect([...gaps].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });
});
