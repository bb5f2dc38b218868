import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './nats-server-process';

const run = promisify(execFile);

/** The Debian layout (`/usr/lib/postgresql/<major>/bin`), newest major first, or PG_BIN_DIR. */
function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'pg_ctl'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  if (!majors.length) throw new Error('no PostgreSQL binaries found under /usr/lib/postgresql (set PG_BIN_DIR)');
  return join(root, majors[0], 'bin');
}

/** uid/gid of the `postgres` OS user: PostgreSQL refuses to run as root. */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}

/**
 * A PostgreSQL of the test's own (initdb in a temporary folder, a free port)
 * that a fault test may crash (`pg_ctl stop -m immediate`: no checkpoint, no
 * goodbye to clients) and start again on the same data and port.
 */
export class PostgresServerProcess {
  private running = false;

  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
    private readonly asPostgres: boolean,
    private readonly settings: Record<string, string>,
  ) {}

  /** `settings` are passed as `-c name=value` (e.g. max_connections). */
  static async start(settings: Record<string, string> = {}): Promise<PostgresServerProcess> {
    const bin = binDir();
    const user = await postgresUser();
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-pg-'));
    if (user) chownSync(dataDir, user.uid, user.gid);
    const server = new PostgresServerProcess(bin, dataDir, await freePort(), !!user, settings);
    await server.exec('initdb', ['-D', join(dataDir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    await server.restart();
    return server;
  }

  /** URL of the `postgres` database, or of `database` */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const path = join(this.bin, tool);
    const [file, argv] = this.asPostgres ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    const { stdout } = await run(file, argv, { cwd: this.dataDir, timeout: 60_000 });
    return stdout;
  }

  async restart(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dataDir}`,
      // a process crash (not an OS crash) is what the tests cause: committed WAL is in the page cache
      '-c fsync=off',
      '-c full_page_writes=off',
      ...Object.entries(this.settings).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' ');
    await this.exec('pg_ctl', ['-D', join(this.dataDir, 'data'), '-l', join(this.dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
    // ready means accepting queries, not just the port (recovery after an immediate stop)
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new Client({ connectionString: this.url() });
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** A crash: `immediate` aborts every backend without a checkpoint (recovery at next start). */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    if (!this.running) return;
    await this.exec('pg_ctl', ['-D', join(this.dataDir, 'data'), '-m', mode, '-w', 'stop']);
    this.running = false;
  }

  async createDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.url() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return this.url(name);
  }

  /** Stops the server and removes its data. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
