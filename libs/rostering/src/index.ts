// Public surface of @maillage/rostering. The nurse-rostering benchmark pieces are
// exported one by one so the harness (bench/solver.ts) imports through the alias.
export * from './nrp/nrp-instance';
export { parseNrp, NrpParseError } from './nrp/parse-nrp';
export { scoreNrpRoster } from './nrp/score-nrp';
export type { NrpHardViolation, NrpScore } from './nrp/score-nrp';
export { readRoster, writeRoster } from './nrp/roster-file';
export { solveNrpWithHighs } from './nrp/highs-nrp';
export type { HighsNrpOptions, HighsNrpResult } from './nrp/highs-nrp';
export { solveNrp } from './nrp/solve-nrp';
export type { NrpSolveProgress, NrpSolveResult } from './nrp/solve-nrp';
