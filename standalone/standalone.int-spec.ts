import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '@maillage/testing';
import { httpClient, nurse } from '../test/fixtures';

const MAIN = resolve(__dirname, '../dist/standalone/main.js');

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** The environment of a newcomer: nothing configured (no DATABASE_URL, no NATS_URL). */
function newcomerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
  return env;
}

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/**
 * `npm start` as a newcomer runs it: the built standalone process on its
 * embedded PostgreSQL and in-process delivery, data kept across a restart.
 */
describe('standalone mode', () => {
  let dataDir: string;
  let running: ReturnType<typeof start> | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'maillage-standalone-'));
  });

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the slice on embedded PostgreSQL and keeps the data across a restart', async () => {
    const port = await freePort();
    const env = newcomerEnv({ PORT: String(port), MAILLAGE_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    const http = httpClient(`http://127.0.0.1:${port}`);
    const ready = async () => {
      if (running?.child.exitCode !== null) throw new Error(`standalone exited: ${running?.output().slice(-1_000)}`);
      return (await http.call('GET', '/health/ready').catch(() => ({ status: 0 }))).status === 200;
    };

    running = start(env);
    await waitFor(ready, 90_000, `standalone to be ready (output: ${running.output().slice(-500)})`);
    const token = await http.token({ subject: 'coordinator', tenants: { 'cpts-sud-valence': ['coordinator'] } });
    // a newcomer's first start opens the demo CPTS and its 213 members (MAILLAGE_DEMO defaults to true)
    const members = async (): Promise<number> => (await http.call('GET', '/v1/tenants/cpts-sud-valence/members?pageSize=1', { token })).body?.total ?? 0;
    await waitFor(async () => (await members()) === 213, 60_000, 'the demo CPTS to be loaded');
    const created = await http.call('POST', '/v1/tenants/cpts-sud-valence/members', { token, body: nurse() });
    expect(created.status).toBe(201);
    const path = `/v1/tenants/cpts-sud-valence/staff/${created.body.memberId}`;
    await waitFor(async () => (await http.call('GET', path, { token })).status === 200, 10_000, 'the staff entry');

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    running = start(env);
    await waitFor(ready, 60_000, 'standalone to be ready again');
    const again = await http.token({ subject: 'coordinator', tenants: { 'cpts-sud-valence': ['coordinator'] } });
    const staff = await http.call('GET', path, { token: again });
    expect(staff.status).toBe(200);
    expect(staff.body.displayName).toBe('Claire Martin');
    const duplicate = await http.call('POST', '/v1/tenants/cpts-sud-valence/members', { token: again, body: nurse() });
    expect(duplicate.status).toBe(409);
    // first start initialises PostgreSQL and loads 213 demo members: minutes on a loaded machine
  }, 300_000);

  it('stops with one clear line when a setting is wrong', async () => {
    running = start(newcomerEnv({ PORT: 'not-a-port', MAILLAGE_DATA_DIR: dataDir }));
    expect(await running.exited).toBe(1);
    const lines = running.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT /);
  });
});
