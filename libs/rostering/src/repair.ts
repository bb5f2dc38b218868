import { compile, NONE } from './compile';
import { explain, UnfilledNeed } from './explain';
import { Assignment, AvailabilityWindow, RotaProblem } from './model';
import { assignmentsToCells } from './rota';
import { search } from './search';
import { Score, toSolveResult } from './solve';

/** What happened to a published rota. */
export type RotaChange =
  | { type: 'withdraw'; memberId: string; shiftIds: string[] }
  /** The member's availability shrinks to these windows and/or these extra days off. */
  | { type: 'availability'; memberId: string; availability?: AvailabilityWindow[]; daysOff?: number[] }
  | { type: 'leave'; memberId: string };

export interface RepairOptions {
  seed?: number;
  /** Search budget after the greedy refill (default 300 ms). */
  timeLimitMs?: number;
  maxIterations?: number;
}

export interface RepairResult {
  /** The problem with the change applied and the published rota as reference. */
  problem: RotaProblem;
  rota: Assignment[];
  added: Assignment[];
  removed: Assignment[];
  /** (added + removed) / published assignments. */
  changedShare: number;
  score: Score;
  /** Needs of the shifts the change touched that remain unfilled, with their causes. */
  unfilled: UnfilledNeed[];
}

/** The problem once the change is known: the member is no longer available where they said. */
export function applyChange(problem: RotaProblem, change: RotaChange): RotaProblem {
  const members = problem.members.map((m) => {
    if (m.id !== change.memberId) return m;
    switch (change.type) {
      case 'withdraw':
        return { ...m, unavailableShiftIds: [...(m.unavailableShiftIds ?? []), ...change.shiftIds] };
      case 'availability':
        return { ...m, availability: change.availability ?? m.availability, daysOff: [...(m.daysOff ?? []), ...(change.daysOff ?? [])] };
      case 'leave':
        return { ...m, daysOff: Array.from({ length: problem.days }, (_, d) => d) };
    }
  });
  if (!members.some((m) => m.id === change.memberId)) throw new Error(`unknown member ${change.memberId}`);
  return { ...problem, members };
}

/**
 * Repairs a published rota after a change, changing as few assignments as possible:
 * assignments the change makes impossible are dropped, the holes are refilled
 * greedily, then a cold annealing run where every changed member-day costs the
 * stability weight tidies up without reshuffling the rota.
 */
export function repair(problem: RotaProblem, published: Assignment[], change: RotaChange, options: RepairOptions = {}): RepairResult {
  const changed: RotaProblem = { ...applyChange(problem, change), previousRota: published };
  const model = compile(changed);
  const { cells } = assignmentsToCells(model, published);
  for (let c = 0; c < cells.length; c++) {
    const n = cells[c];
    if (n !== NONE && model.cellHard[c * model.stride + model.needPos[n] + 1] !== 0) cells[c] = NONE;
  }
  const result = toSolveResult(model, search(model, cells, {
    seed: options.seed ?? 1,
    timeLimitMs: options.timeLimitMs ?? 300,
    maxIterations: options.maxIterations ?? 2_000_000,
    temperature: [2, 0.1],
    coolingIterations: options.maxIterations ?? 2_000_000,
  }));
  const key = (a: Assignment) => `${a.memberId}|${a.shiftId}|${a.role}`;
  const before = new Set(published.map(key));
  const after = new Set(result.rota.map(key));
  const added = result.rota.filter((a) => !before.has(key(a)));
  const removed = published.filter((a) => !after.has(key(a)));
  return {
    problem: changed,
    rota: result.rota,
    added,
    removed,
    changedShare: published.length === 0 ? 0 : (added.length + removed.length) / published.length,
    score: result.score,
    // Explain only the shifts the change touched: the rest of the rota did not move.
    unfilled: explain(changed, result.rota, new Set(removed.map((a) => a.shiftId))).unfilled,
  };
}
