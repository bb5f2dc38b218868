import { evaluate } from './rules';
import { solve, solveAsync } from './solve';
import { randomProblem } from './testing/random-problem';
import { member, shift, tinyProblem } from './testing/tiny-problem';

const vaccinationWeek = () => tinyProblem({
  shifts: Array.from({ length: 7 }, (_, d) => [
    shift(`am${d}`, d, '08:00', '14:00', [{ role: 'doctor', count: 2, professions: ['gp'] }, { role: 'nurse', count: 2, professions: ['nurse'] }]),
    shift(`pm${d}`, d, '14:00', '20:00', [{ role: 'doctor', count: 2, professions: ['gp'] }, { role: 'nurse', count: 2, professions: ['nurse'] }]),
  ]).flat(),
  members: [
    ...Array.from({ length: 8 }, (_, i) => member(`gp${i}`, { profession: 'gp', maxMinutesPerWeek: 30 * 60 })),
    ...Array.from({ length: 8 }, (_, i) => member(`nurse${i}`, { maxMinutesPerWeek: 30 * 60 })),
  ],
});

describe('solve', () => {
  it('fills a feasible week without breaking a hard rule', () => {
    const problem = vaccinationWeek();
    const result = solve(problem, { seed: 3, maxIterations: 20_000 });
    const truth = evaluate(problem, result.rota);
    expect(truth.hard).toBe(0);
    expect(truth.breaches.filter((b) => b.rule === 'unfilled-need')).toEqual([]);
    expect(result.rota).toHaveLength(7 * 2 * 4);
  });

  it('is deterministic: the same seed gives the same rota', () => {
    const problem = randomProblem(42);
    const a = solve(problem, { seed: 7, maxIterations: 20_000 });
    const b = solve(problem, { seed: 7, maxIterations: 20_000 });
    expect(b.rota).toEqual(a.rota);
    expect(b.score).toEqual(a.score);
  });

  it('reports progress with the best score so far and stops when cancelled', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    setTimeout(() => controller.abort(), 150);
    const result = await solveAsync(vaccinationWeek(), {
      timeLimitMs: 60_000, signal: controller.signal, progressEveryMs: 20,
      onProgress: (p) => seen.push(p.elapsedMs),
    });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(seen.length).toBeGreaterThan(0);
    expect(result.rota.length).toBeGreaterThan(0);
  });

  it('stops at the time limit', () => {
    const result = solve(vaccinationWeek(), { timeLimitMs: 200 });
    expect(result.stoppedBy).toBe('time');
    expect(result.elapsedMs).toBeLessThan(2000);
  });
});
