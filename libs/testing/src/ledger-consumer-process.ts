import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface LedgerConsumerProcessOptions {
  databaseUrl: string;
  natsUrl: string;
  prefix: string;
  schema?: string;
  /** where the process kills itself (SIGKILL) while handling `crashSequence` */
  crashAt?: 'before-commit' | 'after-commit';
  crashSequence?: number;
  /** report each delivery of this sequence (default: crashSequence) */
  watchSequence?: number;
}

/** One line the child printed: readiness, a delivery of the watched sequence, its crash. */
export type ConsumerProcessLine =
  | { ready: true }
  | { delivered: number; attempt: number; outcome: string }
  | { crash: string; sequence: number }
  | { error: string };

const ROOT = resolve(__dirname, '../../..');

/**
 * A ledger consumer service in a child process (`node -r @swc-node/register`),
 * so that a test can crash it for real: its PostgreSQL connection drops with
 * the transaction open, its NATS connection without an ack.
 */
export class LedgerConsumerProcess {
  readonly lines: ConsumerProcessLine[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as ConsumerProcessLine);
      } catch {
        /* logs that are not ours */
      }
    });
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  static async start(options: LedgerConsumerProcessOptions, readyTimeoutMs = 60_000): Promise<LedgerConsumerProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'ledger-consumer.main.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        LEDGER_DATABASE_URL: options.databaseUrl,
        LEDGER_NATS_URL: options.natsUrl,
        LEDGER_PREFIX: options.prefix,
        LEDGER_SCHEMA: options.schema ?? 'ledger_consumer',
        LEDGER_CRASH_AT: options.crashAt ?? '',
        LEDGER_CRASH_SEQUENCE: String(options.crashSequence ?? -1),
        LEDGER_WATCH_SEQUENCE: String(options.watchSequence ?? options.crashSequence ?? -1),
        LOG_LEVEL: 'fatal',
      },
    });
    const consumer = new LedgerConsumerProcess(child);
    const deadline = Date.now() + readyTimeoutMs;
    while (!consumer.lines.some((l) => 'ready' in l)) {
      const failed = consumer.lines.find((l): l is { error: string } => 'error' in l);
      if (failed) throw new Error(`consumer process failed: ${failed.error}`);
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`consumer process exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('consumer process not ready in time');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return consumer;
  }

  /** resolves when the process has ended, with its exit code or signal */
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** a clean shutdown (SIGTERM: the service closes) */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
