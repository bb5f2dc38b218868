import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The cores of a virtual machine need not run at the same speed. On 2026-12-05 this
 * project's 2-core VM ran 10 M late iterations of Instance24's annealing in 4.3–4.4 s on
 * cpu 0 and 6.6–6.8 s on cpu 1, time after time (random accesses over 8 MB: 165 and
 * 300 ms; over 64 MB: 250 and 505 ms), so a 60 s solve measured whichever core the OS
 * happened to give it. So before each instance the solver bench times each core it may
 * run on and, when they differ, pins itself to the fastest: the engine and HiGHS, which
 * run one after the other, then both get that core (threads and child processes inherit
 * the pinning).
 */
export interface CoreTiming {
  cpu: number;
  ms: number;
}

/** Spread between the slowest and fastest core above which the bench pins itself. */
export const UNEVEN_CORES = 0.15;
const PROBE_BYTES = 8 << 20;
const PROBE_ACCESSES = 20_000_000;

/** A list in the kernel's format ("0-3,6") as cpu numbers. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`not a cpu list: "${text}"`);
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** The cpus this process's main thread may run on (Linux), or null elsewhere. */
export function allowedCpus(): number[] | null {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:\s*(.+)$/m);
    return line ? parseCpuList(line[1]) : null;
  } catch {
    return null;
  }
}

/** The fastest core when the slowest takes over UNEVEN_CORES longer, else null (leave it to the OS). */
export function chooseCore(timings: CoreTiming[]): number | null {
  if (timings.length < 2) return null;
  const sorted = [...timings].sort((a, b) => a.ms - b.ms);
  const fastest = sorted[0];
  const slowest = sorted[sorted.length - 1];
  return slowest.ms > fastest.ms * (1 + UNEVEN_CORES) ? fastest.cpu : null;
}

function setAffinity(cpus: string, allThreads: boolean): void {
  execFileSync('taskset', [...(allThreads ? ['-a'] : []), '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/**
 * The engine's speed is its memory's: it reads and writes typed arrays of a few MB at
 * random. On the VM above, at the same moment, a tight arithmetic loop took 142 ms on
 * cpu 0 and 174 ms on cpu 1, random accesses over 8 MB 166 and 303 ms.
 */
function randomAccessMs(accesses: number): number {
  const cells = new Int32Array(PROBE_BYTES / 4);
  let x = 12345;
  let sum = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < accesses; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % cells.length;
    sum += cells[j];
    cells[j] = sum & 7;
  }
  if (sum < 0) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Times random accesses on each of `cpus`, the main thread moved there by `taskset`
 * (best of two), then gives the main thread all of `cpus` back. Null when there are
 * fewer than two or no `taskset` (util-linux).
 */
export function measureCores(cpus: number[] | null, accesses = PROBE_ACCESSES): CoreTiming[] | null {
  if (cpus === null || cpus.length < 2) return null;
  try {
    setAffinity(String(cpus[0]), false);
  } catch {
    return null;
  }
  try {
    randomAccessMs(accesses); // compiled before the first timing counts
    return cpus.map((cpu) => {
      setAffinity(String(cpu), false);
      return { cpu, ms: Math.min(randomAccessMs(accesses), randomAccessMs(accesses)) };
    });
  } finally {
    setAffinity(cpus.join(','), false);
  }
}

/**
 * Pins the bench, before each instance, to the core that is fastest then: which core
 * is slow changed within minutes on that VM (cpu 1 at 15:40 UTC, cpu 0 at 15:50, neither
 * at 15:52), so a choice made once would not hold through a run of the whole folder.
 */
export class FastestCorePinning {
  /** The cpus the bench was started with, given back when they run evenly. */
  private readonly cpus = allowedCpus();

  /** `accesses`: the probe's length (tests shorten it: jest runs it about 50 times slower). */
  constructor(
    private readonly enabled: boolean,
    private readonly accesses = PROBE_ACCESSES,
  ) {}

  /** Measures, pins every thread (and what they start) or unpins them; says what it did. */
  pinForNextRun(): string {
    if (!this.enabled) return describeCores(null, null, false);
    const timings = measureCores(this.cpus, this.accesses);
    const core = timings === null ? null : chooseCore(timings);
    if (timings !== null) setAffinity(core === null ? this.cpus!.join(',') : String(core), true);
    return describeCores(timings, core, true, this.accesses);
  }
}

/** One line saying what was measured and done. */
export function describeCores(
  timings: CoreTiming[] | null,
  pinned: number | null,
  asked: boolean,
  accesses = PROBE_ACCESSES,
): string {
  if (!asked) return 'cores: left to the OS (--no-pin)';
  if (timings === null) return 'cores: not measured (one cpu, or no taskset)';
  const list = timings.map((t) => `cpu${t.cpu} ${Math.round(t.ms)} ms`).join(', ');
  const probe = `per ${accesses / 1e6} M random accesses over ${PROBE_BYTES >> 20} MB`;
  return pinned === null
    ? `cores: ${list} ${probe}; even, left to the OS`
    : `cores: ${list} ${probe}; pinned to cpu${pinned}, the fastest (--no-pin to leave it to the OS)`;
}
