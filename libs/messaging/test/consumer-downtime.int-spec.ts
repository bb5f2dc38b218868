import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, createTestPrefix, EntryRecorded, LedgerConsumerModule, LedgerProducerModule, natsUrl, RunningService, startService,
  waitFor,
} from '@maillage/testing';
import { JetStreamTransport } from '../src';

const EVENTS = Number(process.env.MAILLAGE_DOWNTIME_TEST_EVENTS ?? 10_000);
const AGGREGATES = 100;
const PER_TRANSACTION = 20;
const DUPLICATE_WINDOW_MS = 1_000;
const REPUBLISHED_EVERY = 50;
const TENANT = 'cpts-downtime';

/**
 * A consumer stopped while 10,000 events are published and started again
 * later than the publisher's dedupe window — after part of the outbox was
 * published a second time, as a relay that crashed between publishing and
 * marking would: every event applied once, and the events of one aggregate
 * applied in the order they were recorded.
 */
describe('a consumer down for a whole burst, back after the dedupe window', () => {
  let databaseUrl: string;
  let prefix: string;
  let db: Client;
  let nc: NatsConnection;
  const services: RunningService[] = [];

  const transport = () =>
    new JetStreamTransport({ url: natsUrl(), prefix, name: 'downtime-test', backoffMs: [100, 200, 400, 800], duplicateWindowMs: DUPLICATE_WINDOW_MS });
  const consumer = async () => {
    const service = await startService({ databaseUrl, prefix, transport: transport(), maxDeliver: 10, module: (r) => LedgerConsumerModule.register(r) });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    prefix = createTestPrefix();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    nc = await connect({ servers: natsUrl() });
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await db?.end();
    await nc?.close();
  });

  it(`applies each of ${EVENTS} events once, in order per aggregate`, async () => {
    const first = await consumer(); // creates the durable consumer, then goes away
    await first.stop();
    const producer = await startService({ databaseUrl, prefix, transport: transport(), module: (r) => LedgerProducerModule.register(r) });
    services.push(producer);

    const unitOfWork = producer.app.get(UnitOfWork);
    for (let start = 0; start < EVENTS; start += PER_TRANSACTION) {
      await unitOfWork.run({ tenantId: TENANT, correlationId: `downtime-${start}` }, async (tx) => {
        for (let sequence = start; sequence < Math.min(EVENTS, start + PER_TRANSACTION); sequence++) {
          await tx.emit(EntryRecorded, { entryId: randomUUID(), sequence, aggregateId: `member-${sequence % AGGREGATES}` });
        }
      });
    }
    await producer.outboxDrained(120_000);

    // past the dedupe window, a relay that crashed before marking its rows publishes them again
    await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS * 2));
    const { rowCount: republished } = await db.query(
      `UPDATE "ledger_producer".outbox SET published_at = NULL WHERE (envelope->'payload'->>'sequence')::int % $1 = 0`,
      [REPUBLISHED_EVERY],
    );
    expect(republished).toBe(Math.ceil(EVENTS / REPUBLISHED_EVERY));
    await producer.outboxDrained(60_000);
    const jsm = await nc.jetstreamManager();
    // the server kept the second copies: only the consumers' inbox stands between them and a double effect
    expect((await jsm.streams.info(`${prefix.toUpperCase()}_EVENTS`)).state.messages).toBe(EVENTS + republished!);
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied')).rows[0].n).toBe(0);

    await consumer();
    const distinct = async () => (await db.query('SELECT count(DISTINCT entry_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n as number;
    await waitFor(async () => (await distinct()) === EVENTS, 240_000, 'every event applied after the restart');
    const consumerInfo = async () => jsm.consumers.info(`${prefix.toUpperCase()}_EVENTS`, 'ledger-consumer_LedgerProjection_apply');
    await waitFor(async () => (await consumerInfo()).num_pending + (await consumerInfo()).num_ack_pending === 0, 30_000, 'the duplicates acknowledged');

    const { rows: counts } = await db.query('SELECT count(*)::int AS applied, count(DISTINCT entry_id)::int AS distinct FROM "ledger_consumer".applied');
    expect(counts[0]).toEqual({ applied: EVENTS, distinct: EVENTS });
    // per aggregate, in the order applied, the recorded sequence only grows
    const { rows: disorder } = await db.query(`
      SELECT aggregate_id, count(*)::int AS inversions FROM (
        SELECT aggregate_id, sequence, lag(sequence) OVER (PARTITION BY aggregate_id ORDER BY position) AS previous
          FROM "ledger_consumer".applied) s
       WHERE previous > sequence GROUP BY aggregate_id`);
    expect(disorder).toEqual([]);
    expect((await db.query('SELECT count(DISTINCT aggregate_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n).toBe(AGGREGATES);
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".dead_letter')).rows[0].n).toBe(0);
  }, 420_000);
});
