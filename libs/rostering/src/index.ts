// Public surface of @maillage/rostering: the rota engine (model, solve, explain,
// repair, validate, rulebook) and the nurse-rostering benchmark pieces, exported
// one by one so the harness (bench/solver) imports through the alias.
export * from './model';
export { boxesForDoses } from './capacity';
export { solve, solveAsync } from './solve';
export type { Score, SolveOptions, SolveProgress, SolveResult } from './solve';
export { solveInWorker } from './worker';
export { explain } from './explain';
export type { Explanation, UnfilledCause, UnfilledNeed } from './explain';
export { repair, applyChange } from './repair';
export type { RepairOptions, RepairResult, RotaChange } from './repair';
export { validate, applyEdit } from './validate';
export type { RotaEdit, Validation } from './validate';
export { CONSTRAINTS, HARD_CONSTRAINTS, SOFT_CONSTRAINTS, evaluate } from './rules';
export type { Breach, Constraint, Evaluation, Level } from './rules';

export * from './nrp/nrp-instance';
export { parseNrp, NrpParseError } from './nrp/parse-nrp';
export { scoreNrpRoster } from './nrp/score-nrp';
export type { NrpHardViolation, NrpScore } from './nrp/score-nrp';
export { readRoster, writeRoster } from './nrp/roster-file';
export { solveNrpWithHighs } from './nrp/highs-nrp';
export type { HighsNrpOptions, HighsNrpResult } from './nrp/highs-nrp';
export { nrpToProblem } from './nrp/nrp-to-problem';
export { solveNrp } from './nrp/solve-nrp';
export { solveNrpInWorker } from './nrp/solve-nrp-in-worker';
export type { NrpSolveOptions, NrpSolveProgress, NrpSolveResult } from './nrp/solve-nrp';
