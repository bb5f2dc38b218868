import { resolve } from 'node:path';

export interface SolverBenchArgs {
  /** absolute folder holding the `*.txt` instances (and optionally best-known.csv) */
  dir: string;
  timeLimitSeconds: number;
  /** instance names to run (file names without .txt); null = every instance in dir */
  only: string[] | null;
  seed: number | undefined;
  /** skip the HiGHS reference, for a quick look at the engine alone */
  skipHighs: boolean;
  /** pin the bench to its fastest core when its cores run at different speeds (see fastest-core.ts) */
  pinFastestCore: boolean;
}

export const SOLVER_BENCH_USAGE =
  'usage: npm run bench:solver -- [--dir <folder>] [--time-limit <seconds>] [--only <name,name>] [--seed <n>] [--skip-highs] [--no-pin]';

/**
 * Reads `--flag value` and `--flag=value`. Relative --dir paths are taken from the
 * working directory, like any CLI; the default folder is next to the repository.
 */
export function parseSolverBenchArgs(argv: string[], repoRoot: string, cwd = process.cwd()): SolverBenchArgs {
  const args: SolverBenchArgs = {
    dir: resolve(repoRoot, '../shared/benchmarks/nurse-rostering'),
    timeLimitSeconds: 60,
    only: null,
    seed: undefined,
    skipHighs: false,
    pinFastestCore: true,
  };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value\n${SOLVER_BENCH_USAGE}`);
      return next;
    };
    switch (flag) {
      case '--dir':
        args.dir = resolve(cwd, value());
        break;
      case '--time-limit': {
        const text = value();
        const seconds = Number(text);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--time-limit must be a positive number of seconds, got "${text}"`);
        args.timeLimitSeconds = seconds;
        break;
      }
      case '--only': {
        const names = value().split(',').map((name) => name.trim().replace(/\.txt$/, '')).filter((name) => name !== '');
        if (names.length === 0) throw new Error('--only needs at least one instance name');
        args.only = names;
        break;
      }
      case '--seed': {
        const text = value();
        if (!/^\d+$/.test(text)) throw new Error(`--seed must be a whole number, got "${text}"`);
        args.seed = Number(text);
        break;
      }
      case '--skip-highs':
        args.skipHighs = true;
        break;
      case '--no-pin':
        args.pinFastestCore = false;
        break;
      default:
        throw new Error(`unknown argument "${argv[index]}"\n${SOLVER_BENCH_USAGE}`);
    }
  }
  return args;
}
