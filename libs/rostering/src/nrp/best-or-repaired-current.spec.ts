import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CompiledModel, NONE, compile } from '../compile';
import { ScoreState } from '../score-state';
import { BENCHMARK_DIR, annealedRota, rosterOf } from '../testing/nrp-cells';
import { bestOrRepairedCurrent } from './best-or-repaired-current';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { rowBreaches } from './solve-nrp';

const instance5 = resolve(BENCHMARK_DIR, 'Instance5.txt');

/**
 * The rota with a lone working day added mid-horizon on the first row that has room
 * for one: a run shorter than its minimum, one rule broken on one row.
 */
function withLoneDay(model: CompiledModel, cells: Int32Array): Int32Array {
  const D = model.days;
  const broken = Int32Array.from(cells);
  for (let e = 0; e < model.members; e++)
    for (let d = 12; d <= 16; d++) {
      const c = e * D + d;
      const lone = [-2, -1, 0, 1, 2].every((k) => broken[c + k] === NONE);
      if (lone && model.allowedStart[c + 1] > model.allowedStart[c]) {
        broken[c] = model.allowedNeeds[model.allowedStart[c]];
        return broken;
      }
    }
  throw new Error('no row has room for a lone day');
}

/**
 * Instance5, a valid rota of a short annealing (costly), one of a longer annealing
 * (cheaper), and each with a lone working day added.
 */
function rotas() {
  const instance = parseNrp(readFileSync(instance5, 'utf8'), 'Instance5');
  const problem = nrpToProblem(instance);
  const model = compile(problem);
  const early = annealedRota(model, 100_000);
  const annealed = annealedRota(model, 1_000_000);
  const violators = (cells: Int32Array) => rowBreaches(problem, model, cells);
  return {
    instance,
    model,
    early,
    annealed,
    broken: withLoneDay(model, annealed),
    brokenEarly: withLoneDay(model, early),
    violators,
  };
}

const score = (model: CompiledModel, cells: Int32Array) =>
  new ScoreState(model, cells);

(existsSync(instance5) ? describe : describe.skip)(
  'bestOrRepairedCurrent (what the annealing hands on)',
  () => {
    let r: ReturnType<typeof rotas>;
    beforeAll(() => {
      r = rotas();
      // The fixtures are what the tests say they are.
      expect(score(r.model, r.early).hard).toBe(0);
      expect(score(r.model, r.annealed).hard).toBe(0);
      expect(score(r.model, r.annealed).soft).toBeLessThan(score(r.model, r.early).soft);
      expect(r.violators(r.broken)).toHaveLength(1);
      expect(score(r.model, r.broken).soft).toBeLessThan(score(r.model, r.early).soft);
    }, 30_000);

    it('repairs a current rota that breaks a rule but costs less than the best, and takes it', async () => {
      const out = await bestOrRepairedCurrent(r.instance, r.model, r.early, r.broken, {
        seed: 1,
        deadline: Date.now() + 10_000,
        violators: r.violators,
      });
      expect(r.violators(out)).toEqual([]);
      expect(scoreNrpRoster(r.instance, rosterOf(r.model, out)).hardViolations).toEqual([]);
      expect(score(r.model, out).soft).toBeLessThan(score(r.model, r.early).soft);
    }, 20_000);

    it('keeps the best when the current rota is valid', async () => {
      const out = await bestOrRepairedCurrent(r.instance, r.model, r.annealed, r.early, {
        seed: 1,
        deadline: Date.now() + 10_000,
        violators: r.violators,
      });
      expect(out).toBe(r.annealed);
    });

    it('keeps the best when the current rota breaks a rule and costs no less', async () => {
      const costly = r.brokenEarly;
      const s = score(r.model, costly);
      expect(s.hard).toBeGreaterThan(0);
      expect(s.soft).toBeGreaterThanOrEqual(score(r.model, r.annealed).soft);
      const out = await bestOrRepairedCurrent(r.instance, r.model, r.annealed, costly, {
        seed: 1,
        deadline: Date.now() + 10_000,
        violators: r.violators,
      });
      expect(out).toBe(r.annealed);
    });

    it('keeps the best when no time is left to repair the current rota', async () => {
      const out = await bestOrRepairedCurrent(r.instance, r.model, r.early, r.broken, {
        seed: 1,
        deadline: Date.now() - 1,
        violators: r.violators,
      });
      expect(out).toBe(r.early);
    });
  },
);
