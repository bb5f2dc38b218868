import { randomUUID } from 'node:crypto';
import { connect, NatsConnection, StringCodec } from 'nats';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from '@maillage/database';
import { createTestPrefix, EntryRecorded, LedgerProducerModule, natsUrl, PostgresServerProcess, RunningService, startService } from '@maillage/testing';
import { Outbox } from '../src';

const TRANSACTIONS = 50;
const ROUNDS = 3;
const EVENTS_BEFORE_SLEEP = 2;
const EVENTS_AFTER_SLEEP = 3;
const ROLLBACK_EVERY = 7;
const sc = StringCodec();

/**
 * 50 transactions at once, in three rounds, each writing outbox rows, sleeping
 * in PostgreSQL (pg_sleep) for a random while, writing more, then committing —
 * or rolling back — so rows created early commit late and commits land in no
 * particular order, while the relay publishes. The events on the stream are
 * exactly the committed ones: none skipped (a relay that polls "after the last
 * id seen" would skip the late commits), none rolled back, none twice.
 */
describe('50 concurrent long transactions writing the outbox', () => {
  let pg: PostgresServerProcess;
  let writers: DataSource | undefined;
  let nc: NatsConnection;
  let producer: RunningService | undefined;

  beforeAll(async () => {
    pg = await PostgresServerProcess.start({ max_connections: '120' });
    nc = await connect({ servers: natsUrl() });
  });

  afterAll(async () => {
    await producer?.stop().catch(() => undefined);
    if (writers?.isInitialized) await writers.destroy();
    await nc?.close();
    await pg?.destroy();
  });

  it('publishes the set of committed events, exactly', async () => {
    const prefix = createTestPrefix();
    const databaseUrl = await pg.createDatabase('ledger');
    producer = await startService({ databaseUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    writers = createServiceDataSource({ url: databaseUrl, schema: 'ledger_producer', entities: [], migrations: [], poolSize: TRANSACTIONS + 2 });
    await writers.initialize();
    const outbox = new Outbox('ledger_producer');

    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const commitOrder: number[] = [];
    let sequence = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        Array.from({ length: TRANSACTIONS }, async (_, index) => {
          const ids: string[] = [];
          const context = { tenantId: 'cpts-outbox', correlationId: `round-${round}-tx-${index}` };
          const emit = async (manager: import('typeorm').EntityManager) => {
            const envelope = await outbox.emit(manager, EntryRecorded, { entryId: randomUUID(), sequence: sequence++ }, context);
            ids.push(envelope.eventId);
          };
          const rollBack = (round * TRANSACTIONS + index) % ROLLBACK_EVERY === 0;
          // staggered starts; the first rows are written early, the commit comes after a random sleep
          await new Promise((r) => setTimeout(r, Math.random() * 200));
          await writers!
            .transaction(async (manager) => {
              for (let i = 0; i < EVENTS_BEFORE_SLEEP; i++) await emit(manager);
              await manager.query('SELECT pg_sleep($1)', [Math.random() * 2.5]);
              for (let i = 0; i < EVENTS_AFTER_SLEEP; i++) await emit(manager);
              if (rollBack) throw new Error('rolled back on purpose');
            })
            .then(
              () => {
                ids.forEach((id) => committed.add(id));
                commitOrder.push(index);
              },
              () => ids.forEach((id) => rolledBack.add(id)),
            );
        }),
      );
    }
    // the commits did land out of the order the transactions began writing in
    expect(commitOrder.slice(0, TRANSACTIONS).some((index, position) => index !== position)).toBe(true);
    expect(rolledBack.size).toBeGreaterThan(0);
    expect(committed.size + rolledBack.size).toBe(TRANSACTIONS * ROUNDS * (EVENTS_BEFORE_SLEEP + EVENTS_AFTER_SLEEP));

    // (a relay that skipped rows would never drain: compare what reached the stream either way)
    await producer.outboxDrained(30_000).catch(() => undefined);
    const jsm = await nc.jetstreamManager();
    const stream = `${prefix.toUpperCase()}_EVENTS`;
    const { state } = await jsm.streams.info(stream);
    const published: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      published.push((JSON.parse(sc.decode(message.data)) as { eventId: string }).eventId);
    }
    expect(published.length).toBe(new Set(published).size);
    const publishedSet = new Set(published);
    expect([...committed].filter((id) => !publishedSet.has(id))).toEqual([]);
    expect(published.filter((id) => !committed.has(id))).toEqual([]);
    expect(publishedSet.size).toBe(committed.size);
  }, 180_000);
});
