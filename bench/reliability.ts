/**
 * npm run bench:reliability [-- --events 10000] [--faults link-blackhole,consumer-pg-crash]
 *
 * Bursts of events from a producer service to two consumer services on real
 * PostgreSQL (DATABASE_URL, default the local server) and a NATS server of the
 * bench's own (so it can be killed, or reached through a proxy that blackholes
 * the link; the consumers get a PostgreSQL of their own when it is to crash),
 * and prints per scenario: events, lost, doubled, time to drain after the last
 * commit, end-to-end throughput. --faults runs only the scenarios named.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { JetStreamTransport } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, databasesOfRun, dropDatabases, EntryRecorded, LedgerConsumerModule, LedgerProducerModule,
  NatsServerProcess, PostgresServerProcess, RunningService, RUN_ID_VAR, startService, TcpFaultProxy, waitFor,
} from '@maillage/testing';

interface ScenarioResult {
  scenario: string;
  events: number;
  lost: number;
  doubled: number;
  drainSeconds: number;
  eventsPerSecond: number;
}

const CONSUMERS = ['bench_east', 'bench_west'];

type Fault = 'none' | 'nats-kill' | 'consumer-down' | 'link-blackhole' | 'consumer-pg-crash';

async function runScenario(name: string, events: number, fault: Fault): Promise<ScenarioResult> {
  const server = await NatsServerProcess.start();
  // every service reaches NATS through a proxy that can blackhole the link
  const proxy = fault === 'link-blackhole' ? await TcpFaultProxy.start({ port: server.port }) : undefined;
  // the consumers' PostgreSQL of their own, that can crash
  const consumerPg = fault === 'consumer-pg-crash' ? await PostgresServerProcess.start() : undefined;
  const databaseUrl = await createTestDatabase();
  const consumerUrl = consumerPg ? await consumerPg.createDatabase('bench') : databaseUrl;
  const prefix = `b${randomBytes(3).toString('hex')}`;
  const transport = () =>
    new JetStreamTransport({ url: proxy?.natsUrl ?? server.url, prefix, name: 'bench', backoffMs: [100, 200, 400, 800], ackWaitMs: 2_000 });
  const consumerOf = (schema: string) =>
    startService({ databaseUrl: consumerUrl, prefix, transport: transport(), maxDeliver: 10, module: (r) => LedgerConsumerModule.register(r, schema) });
  const consumers: RunningService[] = [];
  for (const schema of CONSUMERS) consumers.push(await consumerOf(schema));
  const producer = await startService({ databaseUrl, prefix, transport: transport(), module: (r) => LedgerProducerModule.register(r) });
  const unitOfWork = producer.app.get(UnitOfWork);

  const started = Date.now();
  let recovery: Promise<void> | undefined;
  for (let sequence = 0; sequence < events; sequence++) {
    if (sequence === Math.floor(events * 0.3) && fault === 'link-blackhole') {
      proxy!.blackhole();
      recovery = new Promise((r) => setTimeout(r, 10_000)).then(() => proxy!.forward());
    }
    if (sequence === Math.floor(events * 0.3) && fault === 'consumer-pg-crash') {
      recovery = consumerPg!.stop('immediate').then(() => new Promise((r) => setTimeout(r, 5_000))).then(() => consumerPg!.restart());
    }
    if (fault === 'nats-kill' && (sequence === Math.floor(events * 0.3) || sequence === Math.floor(events * 0.7))) {
      await server.kill();
      await new Promise((r) => setTimeout(r, 500));
      await server.restart();
    }
    if (fault === 'consumer-down' && sequence === Math.floor(events * 0.2)) await consumers[0].stop();
    await unitOfWork.run({ tenantId: 'cpts-bench', correlationId: `b-${sequence}` }, (tx) =>
      tx.emit(EntryRecorded, { entryId: randomUUID(), sequence }),
    );
  }
  const lastCommit = Date.now();
  if (fault === 'consumer-down') consumers[0] = await consumerOf(CONSUMERS[0]);
  await recovery;
  const db = new Client({ connectionString: consumerUrl });
  await db.connect();
  const count = async (schema: string, what: string) => (await db.query(`SELECT ${what}::int AS n FROM "${schema}".applied`)).rows[0].n as number;
  for (const schema of CONSUMERS) {
    await waitFor(async () => (await count(schema, 'count(DISTINCT entry_id)')) >= events, 300_000, `${schema} to drain`).catch(() => undefined);
  }
  const drained = Date.now();
  let lost = 0;
  let doubled = 0;
  for (const schema of CONSUMERS) {
    const distinct = await count(schema, 'count(DISTINCT entry_id)');
    lost += events - distinct;
    doubled += (await count(schema, 'count(*)')) - distinct;
  }
  await producer.stop();
  for (const consumer of consumers) await consumer.stop().catch(() => undefined);
  await db.end();
  await proxy?.stop();
  await consumerPg?.destroy();
  await server.stop();
  return {
    scenario: name,
    events,
    lost,
    doubled,
    drainSeconds: (drained - lastCommit) / 1000,
    eventsPerSecond: Math.round((events * CONSUMERS.length) / ((drained - started) / 1000)),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const eventsArg = args.indexOf('--events');
  const events = eventsArg >= 0 ? Number(args[eventsArg + 1]) : 10_000;
  if (!Number.isInteger(events) || events <= 0) throw new Error('--events takes a positive whole number');
  const faultsArg = args.indexOf('--faults');
  const faults = faultsArg >= 0 ? args[faultsArg + 1].split(',') : undefined;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env[RUN_ID_VAR] = `bench${randomBytes(2).toString('hex')}`;
  process.env.LOG_LEVEL = 'fatal';
  const results: ScenarioResult[] = [];
  try {
    const scenarios: [string, Fault][] = [
      ['steady burst', 'none'],
      ['NATS SIGKILL at 30 % and 70 %', 'nats-kill'],
      ['one consumer down for 80 % of the burst', 'consumer-down'],
      ['NATS link blackholed 10 s at 30 %', 'link-blackhole'],
      ["consumers' PostgreSQL crashed 5 s at 30 %", 'consumer-pg-crash'],
    ];
    for (const [name, fault] of scenarios) {
      if (!faults || faults.includes(fault)) results.push(await runScenario(name, events, fault));
    }
  } finally {
    await dropDatabases(await databasesOfRun(process.env[RUN_ID_VAR]!));
  }
  console.log(`\nReliability bench: 1 producer → 2 consumer services, ${events} events each scenario`);
  console.table(results);
  process.exit(results.every((r) => r.lost === 0 && r.doubled === 0) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
