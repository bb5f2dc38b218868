import { Assignment, RotaProblem } from './model';
import { Breach, HARD_CONSTRAINTS, viewOf } from './rules';

/** A coordinator's proposed edit of a rota. */
export type RotaEdit =
  | { type: 'assign'; assignment: Assignment }
  | { type: 'unassign'; assignment: Assignment }
  /** The two members exchange these two assignments. */
  | { type: 'swap'; first: Assignment; second: Assignment };

export interface Validation {
  valid: boolean;
  /** Every hard rule broken by the (edited) rota: which rule, for whom, where. */
  violations: Breach[];
  /** With an edit: the breaches the edit brings that the rota did not have. */
  introduced: Breach[];
  /** Assignments naming an unknown member, shift or role. */
  unknown: Assignment[];
}

const same = (a: Assignment, b: Assignment) => a.memberId === b.memberId && a.shiftId === b.shiftId && a.role === b.role;

export function applyEdit(rota: Assignment[], edit: RotaEdit): Assignment[] {
  switch (edit.type) {
    case 'assign':
      return [...rota, edit.assignment];
    case 'unassign':
      return rota.filter((a) => !same(a, edit.assignment));
    case 'swap':
      return [
        ...rota.filter((a) => !same(a, edit.first) && !same(a, edit.second)),
        { ...edit.first, memberId: edit.second.memberId },
        { ...edit.second, memberId: edit.first.memberId },
      ];
  }
}

function hardBreaches(problem: RotaProblem, rota: Assignment[]): { breaches: Breach[]; unknown: Assignment[] } {
  const view = viewOf(problem, rota);
  return { breaches: HARD_CONSTRAINTS.flatMap((c) => c.check(view)), unknown: view.unknown };
}

/** Checks every hard rule on a rota, or on the rota after a proposed edit or swap. */
export function validate(problem: RotaProblem, rota: Assignment[], edit?: RotaEdit): Validation {
  const after = edit ? applyEdit(rota, edit) : rota;
  const { breaches, unknown } = hardBreaches(problem, after);
  let introduced: Breach[] = [];
  if (edit) {
    const before = new Set(hardBreaches(problem, rota).breaches.map((b) => `${b.rule}|${b.message}`));
    introduced = breaches.filter((b) => !before.has(`${b.rule}|${b.message}`));
  }
  return { valid: breaches.length === 0 && unknown.length === 0, violations: breaches, introduced, unknown };
}
