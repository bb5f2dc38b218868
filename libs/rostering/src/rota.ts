import { CompiledModel, NONE, needKey } from './compile';
import { Assignment } from './model';

/** Cells (member × day → need) to assignments, in member then day order. */
export function cellsToAssignments(model: CompiledModel, cells: Int32Array): Assignment[] {
  const out: Assignment[] = [];
  const { problem, days } = model;
  for (let e = 0; e < model.members; e++) {
    for (let d = 0; d < days; d++) {
      const n = cells[e * days + d];
      if (n === NONE) continue;
      const shift = problem.shifts[model.needShift[n]];
      out.push({ memberId: problem.members[e].id, shiftId: shift.id, role: shift.needs[model.needRole[n]].role });
    }
  }
  return out;
}

/**
 * Assignments to cells. Assignments the cell model cannot hold (unknown member or
 * shift, a second shift the same day) are returned apart so callers can report them.
 */
export function assignmentsToCells(model: CompiledModel, assignments: Assignment[]): { cells: Int32Array; rejected: Assignment[] } {
  const cells = new Int32Array(model.members * model.days).fill(NONE);
  const rejected: Assignment[] = [];
  for (const a of assignments) {
    const e = model.memberIndex.get(a.memberId);
    const n = model.needOf.get(needKey(a.shiftId, a.role));
    if (e === undefined || n === undefined) {
      rejected.push(a);
      continue;
    }
    const c = e * model.days + model.needDay[n];
    if (cells[c] !== NONE) rejected.push(a);
    else cells[c] = n;
  }
  return { cells, rejected };
}
