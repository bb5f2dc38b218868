/**
 * CPTS month benchmark: solve time, hard violations, unfilled needs, fairness and
 * repair after one withdrawal. Run with `npm run bench:cpts [-- seconds seed]`.
 */
import { compile } from '../src/compile';
import { evaluate } from '../src/rules';
import { explain } from '../src/explain';
import { repair } from '../src/repair';
import { solve } from '../src/solve';
import { cptsMonth } from './cpts-month-problem';

function stats(xs: number[]): { mean: number; sd: number; min: number; max: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length));
  return { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

const fmt = (n: number) => n.toFixed(2);

function main(): void {
  const seconds = Number(process.argv[2] ?? 4);
  const seed = Number(process.argv[3] ?? 1);
  const problem = cptsMonth({ seed });
  const demand = problem.shifts.reduce((s, sh) => s + sh.needs.reduce((t, n) => t + n.count, 0), 0);
  console.log(`CPTS month: ${problem.members.length} members, ${problem.shifts.length} shifts, ${demand} places to fill, ${problem.days} days`);

  const started = Date.now();
  const result = solve(problem, { seed, timeLimitMs: seconds * 1000 });
  const solveMs = Date.now() - started;
  const truth = evaluate(problem, result.rota);
  const hardBreaches = truth.breaches.filter((b) => b.level === 'hard');
  const unfilled = truth.breaches.filter((b) => b.rule === 'unfilled-need').reduce((s, b) => s + b.size, 0);
  console.log(`solve: ${solveMs} ms (limit ${seconds} s, ${result.iterations} iterations), hard violations ${hardBreaches.length}, soft ${fmt(truth.soft)}`);
  console.log(`filled ${result.rota.length} of ${demand} places, ${unfilled} unfilled`);

  const perMember = new Map(problem.members.map((m) => [m.id, 0]));
  for (const a of result.rota) perMember.set(a.memberId, perMember.get(a.memberId)! + 1);
  // Fairness among members who could work at least one shift (qualified and available somewhere).
  const model = compile(problem);
  const canWork = (e: number) => model.allowedStart[(e + 1) * model.days] > model.allowedStart[e * model.days];
  for (const profession of ['gp', 'nurse']) {
    const counts = problem.members.filter((m, e) => m.profession === profession && canWork(e)).map((m) => perMember.get(m.id)!);
    const s = stats(counts);
    console.log(`fairness ${profession} (${counts.length} who could work): shifts per member mean ${fmt(s.mean)}, stddev ${fmt(s.sd)}, min ${s.min}, max ${s.max}`);
  }

  const ex = explain(problem, result.rota);
  const causes = new Map<string, number>();
  for (const u of ex.unfilled) causes.set(u.bindingCause, (causes.get(u.bindingCause) ?? 0) + 1);
  console.log(`unfilled needs by binding cause: ${[...causes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  for (const u of ex.unfilled.slice(0, 3)) console.log(`  e.g. ${u.message}`);

  const withdrawn = result.rota[Math.floor(result.rota.length / 2)];
  const repairStarted = Date.now();
  const r = repair(problem, result.rota, { type: 'withdraw', memberId: withdrawn.memberId, shiftIds: [withdrawn.shiftId] }, { seed });
  const repairMs = Date.now() - repairStarted;
  console.log(`repair after one withdrawal: ${repairMs} ms, +${r.added.length} −${r.removed.length} assignments, ${fmt(100 * r.changedShare)} % of ${result.rota.length} changed, hard ${r.score.hard}`);
}

main();
