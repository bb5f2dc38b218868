import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** One line of bench-results/solver.json; objectives are the independent scorer's. */
export interface SolverBenchRow {
  name: string;
  /** null when the engine failed (the error is printed) */
  objective: number | null;
  bestKnown: number | null;
  gapPercent: number | null;
  seconds: number;
  hardViolations: number | null;
  /** null = HiGHS found no feasible rota in time, the model was too large, or it was skipped */
  highsObjective: number | null;
}

/** What the table shows beyond the JSON: why HiGHS has or has not an objective. */
export interface SolverBenchLine extends SolverBenchRow {
  highsStatus: string;
}

/**
 * best-known.csv is optional: `instance,bestKnown[,…]` with a header line. An empty
 * cell means no published value. Returns name → value.
 */
export function readBestKnown(dir: string): Map<string, number> {
  const path = join(dir, 'best-known.csv');
  const values = new Map<string, number>();
  if (!existsSync(path)) return values;
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = header.split(',').map((column) => column.trim());
  const nameColumn = columns.indexOf('instance');
  const valueColumn = columns.indexOf('bestKnown');
  if (nameColumn < 0 || valueColumn < 0) throw new Error(`${path}: header must name the columns "instance" and "bestKnown"`);
  lines.forEach((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const cell = cells[valueColumn] ?? '';
    if (cell === '') return;
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new Error(`${path}, line ${index + 2}: bestKnown "${cell}" is not a number`);
    values.set(cells[nameColumn], value);
  });
  return values;
}

/** (ours − best) / best × 100, two decimals; null when either side is missing or best is 0. */
export function gapPercent(objective: number | null, bestKnown: number | null): number | null {
  if (objective === null || bestKnown === null || bestKnown === 0) return null;
  return Math.round(((objective - bestKnown) / bestKnown) * 10_000) / 100;
}

export function formatTable(lines: SolverBenchLine[]): string {
  const show = (value: number | null, none = '-'): string => (value === null ? none : String(value));
  const header = ['instance', 'objective', 'best known', 'gap %', 'seconds', 'hard viol.', 'HiGHS objective', 'HiGHS status'];
  const rows = lines.map((line) => [
    line.name,
    show(line.objective, 'error'),
    show(line.bestKnown),
    show(line.gapPercent),
    line.seconds.toFixed(1),
    show(line.hardViolations),
    show(line.highsObjective, 'none'),
    line.highsStatus,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const render = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)].join('\n');
}

/** Writes solver.json (the rows only, in the documented shape) and returns its path. */
export function writeSolverJson(outDir: string, lines: SolverBenchLine[]): string {
  mkdirSync(outDir, { recursive: true });
  const rows: SolverBenchRow[] = lines.map(({ name, objective, bestKnown, gapPercent, seconds, hardViolations, highsObjective }) => ({
    name, objective, bestKnown, gapPercent, seconds, hardViolations, highsObjective,
  }));
  const path = join(outDir, 'solver.json');
  writeFileSync(path, `${JSON.stringify(rows, null, 2)}\n`);
  return path;
}

export function describeMachine(): string {
  const cpuList = cpus();
  const model = cpuList[0]?.model.trim() ?? 'unknown cpu';
  return `machine: ${model}, ${cpuList.length} cores, node ${process.version}`;
}
