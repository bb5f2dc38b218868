import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { httpClient, HttpClient, nurse, openTenant } from '../test/fixtures';

/**
 * npm run bench:gateway -- [--url http://host:3000] [--token <bearer>] [--tenant <id>]
 *                          [--connections 100] [--duration 10]
 *
 * Load on the gateway with autocannon: one read route (a member's record,
 * gateway → membership and back) and one write route (registering members with
 * unique valid RPPS numbers). Without --url it builds and starts the
 * standalone platform itself (embedded PostgreSQL in a temporary directory,
 * free ports, no rate limit), mints dev tokens, and stops it afterwards. A
 * platform given by --url needs its dev issuer on, or a coordinator --token
 * for --tenant (and a rate limit above the load, or 429s count as errors).
 */
interface Args {
  url?: string;
  token?: string;
  tenant: string;
  connections: number;
  duration: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    tenant: `cpts-bench-${Date.now().toString(36)}`,
    connections: 100,
    duration: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--url':
        args.url = value.replace(/\/$/, '');
        i++;
        break;
      case '--token':
        args.token = value;
        i++;
        break;
      case '--tenant':
        args.tenant = value;
        i++;
        break;
      case '--connections':
        args.connections = Number(value);
        i++;
        break;
      case '--duration':
        args.duration = Number(value);
        i++;
        break;
      default:
        throw new Error(
          `unknown argument ${argv[i]}; see the comment at the top of bench/gateway.ts`,
        );
    }
  }
  if (!Number.isInteger(args.connections) || args.connections < 1)
    throw new Error('--connections must be a positive integer');
  if (!(args.duration > 0)) throw new Error('--duration must be a positive number of seconds');
  return args;
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** An 11-digit RPPS with its Luhn key: `8`, a 9-digit serial, the key. */
export function rppsFor(serial: number): string {
  const body = `8${String(serial % 1_000_000_000).padStart(9, '0')}`;
  for (let key = 0; key <= 9; key++) {
    const candidate = body + key;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

interface Platform {
  url: string;
  stop(): Promise<void>;
}

async function startStandalone(repoRoot: string): Promise<Platform> {
  console.log('building (npm run build)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const main = join(repoRoot, 'dist/standalone/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing after the build`);
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    MAILLAGE_DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    AUTH_DEV_ISSUER_ENABLED: 'true',
    RATE_LIMIT: '0',
  };
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  console.log(`starting the standalone platform on ${url} (data in ${dataDir})…`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the standalone platform exited:\n${output}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the standalone platform was not ready within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop };
}

interface Measure {
  route: string;
  result: autocannon.Result;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((done, fail) => {
    const instance = autocannon(options, (error, result) => (error ? fail(error) : done(result)));
    process.once('SIGINT', () => instance.stop());
  });
}

function report(measures: Measure[], args: Args, url: string): void {
  console.log(
    `\ngateway at ${url}, ${args.connections} connections, ${args.duration} s per route, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  const rows = measures.map(({ route, result }) => ({
    route,
    'requests/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    '2xx': result['2xx'],
    'non-2xx': result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }));
  console.table(rows);
}

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..');
  const args = parseArgs(process.argv.slice(2));
  const platform: Platform = args.url
    ? { url: args.url, stop: async () => undefined }
    : await startStandalone(repoRoot);
  const stopOnSignal = (): void => void platform.stop().finally(() => process.exit(130));
  process.once('SIGTERM', stopOnSignal);
  try {
    const http: HttpClient = httpClient(platform.url);
    let token = args.token;
    if (!token) {
      await openTenant(http, args.tenant);
      token = await http.token({
        subject: 'bench-coordinator',
        tenants: { [args.tenant]: ['coordinator'] },
        expiresIn: 3600,
      });
    }
    const serialBase = Math.floor(Math.random() * 900_000_000);
    const seeded = await http.call('POST', `/v1/tenants/${args.tenant}/members`, {
      token,
      body: nurse({ identifierValue: rppsFor(serialBase) }),
    });
    if (seeded.status !== 201)
      throw new Error(
        `registering the member to read answered ${seeded.status}: ${JSON.stringify(seeded.body)}`,
      );
    const memberId = seeded.body.memberId as string;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const measures: Measure[] = [];

    const readPath = `/v1/tenants/${args.tenant}/members/${memberId}`;
    console.log(`read:  GET ${readPath}`);
    measures.push({
      route: 'GET /v1/tenants/:t/members/:id',
      result: await run({
        url: platform.url + readPath,
        connections: args.connections,
        duration: args.duration,
        headers,
      }),
    });

    let serial = serialBase + 1;
    const writePath = `/v1/tenants/${args.tenant}/members`;
    console.log(`write: POST ${writePath} (a new RPPS each request)`);
    measures.push({
      route: 'POST /v1/tenants/:t/members',
      result: await run({
        url: platform.url + writePath,
        connections: args.connections,
        duration: args.duration,
        method: 'POST',
        headers,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify(nurse({ identifierValue: rppsFor(serial++) })),
            }),
          },
        ],
      }),
    });
    report(measures, args, platform.url);
    const failed = measures.some((m) => m.result.non2xx > 0 || m.result.errors > 0);
    if (failed) console.log('some requests failed (non-2xx or errors): see the table');
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
