import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, createTestPrefix, EntryRecorded, LedgerConsumerModule, LedgerProducerModule, NatsServerProcess, RunningService, startService,
  TcpFaultProxy, waitFor,
} from '@maillage/testing';
import { JetStreamTransport } from '../src';

const CONSUMERS = ['link_east', 'link_west'];
const TENANT = 'cpts-link';

/** What happens to the link while the producer keeps committing, by time since the start (ms). */
const SCHEDULE: { at: number; fault: 'blackhole' | 'delay' | 'forward' | 'reset' }[] = [
  { at: 2_000, fault: 'blackhole' }, // 10 s: bytes accepted and dropped both ways
  { at: 12_000, fault: 'forward' },
  { at: 14_000, fault: 'delay' }, // 5 s: every chunk held 500 ms each way
  { at: 19_000, fault: 'forward' },
  { at: 21_000, fault: 'reset' }, // every connection reset at once
];
const BURST_MS = 24_000;

/**
 * Every service reaches NATS through a TCP proxy that blackholes the link for
 * 10 s, slows it by 500 ms, then resets every connection, while the producer
 * keeps committing: each consumer applies every event once, nothing is
 * dead-lettered.
 */
describe('the NATS link blackholed, slowed and reset', () => {
  let server: NatsServerProcess;
  let proxy: TcpFaultProxy;
  let db: Client;
  let nc: NatsConnection;
  const services: RunningService[] = [];

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    proxy = await TcpFaultProxy.start({ port: server.port });
    nc = await connect({ servers: server.url });
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await db?.end();
    await nc?.close();
    await proxy?.stop();
    await server?.stop();
  });

  it('loses and doubles nothing', async () => {
    const databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const transport = () => new JetStreamTransport({ url: proxy.natsUrl, prefix, name: 'link-test', backoffMs: [100, 200, 400, 800], ackWaitMs: 2_000 });
    for (const schema of CONSUMERS) {
      services.push(await startService({ databaseUrl, prefix, transport: transport(), module: (r) => LedgerConsumerModule.register(r, schema) }));
    }
    const producer = await startService({ databaseUrl, prefix, transport: transport(), module: (r) => LedgerProducerModule.register(r) });
    services.push(producer);
    const unitOfWork = producer.app.get(UnitOfWork);
    const count = async (schema: string, expression: string): Promise<number> =>
      (await db.query(`SELECT ${expression}::int AS n FROM "${schema}".applied`)).rows[0].n;

    const started = Date.now();
    const pending = [...SCHEDULE];
    let events = 0;
    let droppedWhileBlackholed = 0;
    const appliedAt: { at: number; applied: number }[] = [];
    const samples = [3_000, 11_500];
    while (Date.now() - started < BURST_MS) {
      if (samples.length && Date.now() - started >= samples[0]) {
        samples.shift();
        appliedAt.push({ at: Date.now() - started, applied: await count(CONSUMERS[0], 'count(*)') });
      }
      while (pending.length && Date.now() - started >= pending[0].at) {
        const { fault } = pending.shift()!;
        if (fault === 'blackhole') proxy.blackhole();
        if (fault === 'delay') proxy.delay(500);
        if (fault === 'reset') proxy.resetAll();
        if (fault === 'forward') {
          if (!droppedWhileBlackholed) droppedWhileBlackholed = proxy.droppedBytes;
          proxy.forward();
        }
      }
      await unitOfWork.run({ tenantId: TENANT, correlationId: `link-${events}` }, (tx) => tx.emit(EntryRecorded, { entryId: randomUUID(), sequence: events }));
      events++;
      await new Promise((r) => setTimeout(r, 20));
    }
    // the blackhole was felt: traffic swallowed, nothing applied from 1 s in to its end
    expect(droppedWhileBlackholed).toBeGreaterThan(0);
    expect(appliedAt).toHaveLength(2);
    expect(appliedAt[1].applied).toBe(appliedAt[0].applied);

    await producer.outboxDrained(120_000);
    for (const schema of CONSUMERS) {
      await waitFor(async () => (await count(schema, 'count(DISTINCT entry_id)')) === events, 120_000, `${schema} to apply every event`).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const jsm = await nc.jetstreamManager();
    const dlq = await jsm.streams.info(`${prefix.toUpperCase()}_DLQ`);
    const outcome = [];
    for (const schema of CONSUMERS) {
      outcome.push({ schema, applied: await count(schema, 'count(*)'), distinct: await count(schema, 'count(DISTINCT entry_id)') });
    }
    expect({ deadLettered: dlq.state.messages, outcome }).toEqual({
      deadLettered: 0,
      outcome: CONSUMERS.map((schema) => ({ schema, applied: events, distinct: events })),
    });
  }, 300_000);
});
