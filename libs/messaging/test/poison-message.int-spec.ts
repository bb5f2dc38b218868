import { randomUUID } from 'node:crypto';
import { connect, nanos, NatsConnection } from 'nats';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, createTestPrefix, EntryRecorded, handlerAttempts, LedgerConsumerModule, LedgerProducerModule, natsUrl, RunningService,
  startService, waitFor,
} from '@maillage/testing';

const EVENTS = 1_500;
const MAX_DELIVER = 4;
const POISON_AT = 700;
const FAIL_TWICE_EVERY = 100;

/**
 * A backlog with a poison event (its handler always throws) and events that
 * fail twice then succeed: the poison is dead-lettered after exactly its
 * delivery limit of handler attempts, with its reason, in the database and
 * the DLQ stream, while every other event is applied once — those that fail
 * twice on their third attempt, never dead-lettered early.
 */
describe('a poison message in a backlog', () => {
  let databaseUrl: string;
  let prefix: string;
  let db: Client;
  let nc: NatsConnection;
  const services: RunningService[] = [];

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

  it('is dead-lettered within its delivery limit while the others flow', async () => {
    const consumer = () => startService({ databaseUrl, prefix, maxDeliver: MAX_DELIVER, module: (r) => LedgerConsumerModule.register(r) });
    await (await consumer()).stop(); // the durable consumer exists: the backlog waits for it
    // as an earlier release left it: a server-side back-off, which makes the server's ack wait its first delay
    const jsm = await nc.jetstreamManager();
    const stream = `${prefix.toUpperCase()}_EVENTS`;
    const durable = 'ledger-consumer_LedgerProjection_apply';
    await jsm.consumers.update(stream, durable, { backoff: [100, 200, 400, 800].map((ms) => nanos(ms)) });
    expect((await jsm.consumers.info(stream, durable)).config.ack_wait).toBe(nanos(100));
    const producer = await startService({ databaseUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    services.push(producer);
    const unitOfWork = producer.app.get(UnitOfWork);
    const ids: string[] = [];
    const failing: string[] = [];
    let poison = '';
    for (let sequence = 0; sequence < EVENTS; sequence += 10) {
      await unitOfWork.run({ tenantId: 'cpts-poison', correlationId: `poison-${sequence}` }, async (tx) => {
        for (let s = sequence; s < sequence + 10; s++) {
          const entryId = randomUUID();
          const flags = s === POISON_AT ? { poison: true } : s % FAIL_TWICE_EVERY === 1 ? { failTwice: true } : {};
          if (s === POISON_AT) poison = entryId;
          else ids.push(entryId);
          if ('failTwice' in flags) failing.push(entryId);
          await tx.emit(EntryRecorded, { entryId, sequence: s, ...flags });
        }
      });
    }
    await producer.outboxDrained(60_000);
    services.push(await consumer());
    // the service's own settings now hold: no server back-off, the 30 s ack wait
    const { config } = await jsm.consumers.info(stream, durable);
    expect({ ackWait: config.ack_wait, backoff: config.backoff ?? [] }).toEqual({ ackWait: nanos(30_000), backoff: [] });

    await waitFor(async () => (await db.query('SELECT 1 FROM "ledger_consumer".dead_letter')).rowCount! > 0, 60_000, 'the poison dead-lettered');
    const distinct = async () => (await db.query('SELECT count(DISTINCT entry_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n as number;
    await waitFor(async () => (await distinct()) === ids.length, 120_000, 'every other event applied').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1_000));

    const { rows: dead } = await db.query(`SELECT event_id, reason, raw::jsonb->'payload'->>'entryId' AS entry_id FROM "ledger_consumer".dead_letter`);
    expect(dead.map((d) => d.entry_id)).toEqual([poison]);
    expect(dead[0].reason).toMatch(new RegExp(`gave up after ${MAX_DELIVER} attempts: poison entry`));
    // its handler ran exactly as many times as the limit allows: no fewer, no more
    expect(handlerAttempts.get(poison)).toBe(MAX_DELIVER);
    const dlq = await jsm.streams.info(`${prefix.toUpperCase()}_DLQ`);
    expect(dlq.state.messages).toBe(1);

    const { rows } = await db.query('SELECT entry_id::text AS id, count(*)::int AS n FROM "ledger_consumer".applied GROUP BY entry_id');
    expect({ applied: rows.length, doubled: rows.filter((r) => r.n !== 1).length, poisonApplied: rows.some((r) => r.id === poison) }).toEqual({
      applied: ids.length,
      doubled: 0,
      poisonApplied: false,
    });
    // the ones that failed twice succeeded on their third attempt
    expect(failing.filter((id) => handlerAttempts.get(id) !== 3)).toEqual([]);
    // the poison did not hold the queue: events behind it were applied before it was given up
    const { rows: order } = await db.query(
      `SELECT count(*)::int AS n FROM "ledger_consumer".applied WHERE sequence > $1 AND at < (SELECT min(failed_at) FROM "ledger_consumer".dead_letter)`,
      [POISON_AT],
    );
    expect(order[0].n).toBeGreaterThan(0);
  }, 240_000);
});
