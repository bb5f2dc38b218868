import { evaluate } from './rules';
import { SolveProgress } from './solve';
import { member, shift, tinyProblem } from './testing/tiny-problem';
import { solveInWorker } from './worker';

const problem = tinyProblem({
  shifts: Array.from({ length: 7 }, (_, d) => shift(`s${d}`, d, '08:00', '14:00', [{ role: 'nurse', count: 2 }])),
  members: Array.from({ length: 5 }, (_, i) => member(`n${i}`)),
});

describe('solveInWorker', () => {
  it('solves in a worker thread and streams progress', async () => {
    const progress: SolveProgress[] = [];
    const result = await solveInWorker(problem, { seed: 1, timeLimitMs: 600, progressEveryMs: 50, onProgress: (p) => progress.push(p) });
    expect(evaluate(problem, result.rota).hard).toBe(0);
    expect(result.rota).toHaveLength(14);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('stops when the signal aborts and still returns the best rota', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await solveInWorker(problem, { timeLimitMs: 60_000, signal: controller.signal });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.rota.length).toBeGreaterThan(0);
  });
});
