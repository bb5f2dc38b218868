import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCHMARK_DIR } from '../testing/nrp-cells';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { NrpSolveProgress } from './solve-nrp';
import { solveNrpInWorker } from './solve-nrp-in-worker';

const instance5 = parseNrp(
  readFileSync(resolve(BENCHMARK_DIR, 'Instance5.txt'), 'utf8'),
  'Instance5',
);

describe('solveNrpInWorker', () => {
  it('solves in a worker thread: a valid rota whose objective the benchmark scorer confirms, with progress', async () => {
    const progress: NrpSolveProgress[] = [];
    const result = await solveNrpInWorker(instance5, {
      timeLimitSeconds: 3,
      seed: 1,
      onProgress: (p) => progress.push(p),
    });
    const score = scoreNrpRoster(instance5, result.assignments);
    expect(score.hardViolations).toEqual([]);
    expect(result.objective).toBe(score.objective);
    expect(result.hardViolations).toBe(0);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('stops when the signal aborts, long before its limit, with the best rota so far', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 2000);
    const started = Date.now();
    const result = await solveNrpInWorker(instance5, {
      timeLimitSeconds: 600,
      seed: 1,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.assignments.length).toBeGreaterThan(0);
    expect(scoreNrpRoster(instance5, result.assignments).objective).toBe(result.objective);
  });
});
