import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from './compile';
import { parseNrp } from './nrp/parse-nrp';
import { nrpToProblem } from './nrp/nrp-to-problem';
import { LocalSearch } from './search';
import { BENCHMARK_DIR } from './testing/nrp-cells';

function instance1Model() {
  const text = readFileSync(resolve(BENCHMARK_DIR, 'Instance1.txt'), 'utf8');
  return compile(nrpToProblem(parseNrp(text, 'Instance1')));
}

function runFor(search: LocalSearch, ms: number): void {
  const until = Date.now() + ms;
  while (!search.done && Date.now() < until) search.runSlice(50);
}

describe('LocalSearch.coolOver', () => {
  it('stretches the cooling cycle over the given time, measured once, and the run still ends valid', () => {
    const search = new LocalSearch(instance1Model(), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      // Short fixed cycles, so a cycle that was not stretched would have ended many times.
      coolingIterations: 20_000,
    });
    search.coolOver(4000);
    runFor(search, 1500);
    // Calibrated after its first second: one cycle for the whole 4 s, so none ended yet.
    const iterations = search.result().iterations;
    expect(iterations).toBeGreaterThan(20_000);
    expect(search.cycleIterations).toBeGreaterThan(iterations);
    const cycle = search.cycleIterations;
    runFor(search, 500);
    expect(search.cycleIterations).toBe(cycle);
    expect(search.result().hard).toBe(0);
  }, 20_000);

  it('keeps a fixed count of iterations per cycle unless asked', () => {
    const search = new LocalSearch(instance1Model(), undefined, {
      seed: 1,
      timeLimitMs: 60_000,
      coolingIterations: 20_000,
    });
    runFor(search, 1200);
    expect(search.cycleIterations).toBe(20_000);
  });
});
