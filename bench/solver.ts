import { join, resolve } from 'node:path';
import { parseSolverBenchArgs } from './solver/args';
import { describeMachine, formatTable, writeSolverJson } from './solver/report';
import { runSolverBench } from './solver/run';
import { FastestCorePinning } from './solver/fastest-core';

/**
 * npm run bench:solver -- [--dir <folder>] [--time-limit <s>] [--only a,b] [--seed n] [--skip-highs] [--no-pin]
 * Our engine against best-known values and HiGHS on every `*.txt` instance of a
 * folder in the Curtois & Qu format; results in bench-results/.
 */
async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..');
  const args = parseSolverBenchArgs(process.argv.slice(2), repoRoot);
  const outDir = join(repoRoot, 'bench-results');
  console.log(describeMachine());
  console.log(`instances: ${args.dir}, time limit ${args.timeLimitSeconds} s per solver${args.seed === undefined ? '' : `, seed ${args.seed}`}`);
  const pinning = new FastestCorePinning(args.pinFastestCore);
  const lines = await runSolverBench(args, outDir, (line) => console.log(line), undefined, () => pinning.pinForNextRun());
  console.log(`\n${formatTable(lines)}\n`);
  console.log(`written: ${writeSolverJson(outDir, lines)} and ${join(outDir, 'solutions')}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
