import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '../compile';
import { ScoreState } from '../score-state';
import { BENCHMARK_DIR, constructedRota, rosterOf } from '../testing/nrp-cells';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { windowDives } from './window-dives';

const instance1 = resolve(BENCHMARK_DIR, 'Instance1.txt');

/** Instance1, its model and the greedy construction's rota (valid, far above 607). */
function greedyInstance1() {
  const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
  const model = compile(nrpToProblem(instance));
  return { instance, model, start: constructedRota(model) };
}

describe('window dives', () => {
  // Instance1 (14 days, optimum 607): passes of 5-day windows 3 apart and over one
  // week-end at a time, from the greedy rota far above it.
  (existsSync(instance1) ? it : it.skip)(
    'improve a valid rota window by window, and return a valid one scored as the referee scores it',
    async () => {
      const { instance, model, start } = greedyInstance1();
      const before = new ScoreState(model, start).soft;
      let improvements = 0;
      const result = await windowDives(model, start, {
        days: 5,
        step: 3,
        weekends: 1,
        deadline: Date.now() + 30_000,
        onImprove: () => improvements++,
      });
      const referee = scoreNrpRoster(instance, rosterOf(model, result.cells));
      expect(referee.hardViolations).toEqual([]);
      expect(referee.objective).toBeCloseTo(result.soft, 6);
      expect(result.soft).toBeLessThan(before);
      expect(result.soft).toBeGreaterThanOrEqual(607);
      expect(improvements).toBeGreaterThan(0);
    },
  );

  (existsSync(instance1) ? it : it.skip)(
    'stop at once when aborted, keeping the rota given',
    async () => {
      const { model, start } = greedyInstance1();
      const controller = new AbortController();
      controller.abort();
      const result = await windowDives(model, start, {
        days: 5,
        step: 3,
        deadline: Date.now() + 30_000,
        signal: controller.signal,
      });
      expect(result.cells).toBe(start);
      expect(result.soft).toBe(new ScoreState(model, start).soft);
    },
  );
});
