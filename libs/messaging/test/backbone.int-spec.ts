import { randomUUID } from 'node:crypto';
import { connect, NatsConnection, StringCodec } from 'nats';
import { Client } from 'pg';
import { MessagingLifecycle, UnitOfWork } from '@maillage/platform';
import { createTestDatabase, createTestPrefix, RunningService, startService, waitFor } from '@maillage/testing';
import { natsUrl } from '@maillage/testing';
import { createEnvelope, JetStreamTransport } from '../src';
import { EntryRecorded, handlerAttempts, LedgerConsumerModule, LedgerProducerModule } from '@maillage/testing';

const sc = StringCodec();
const TENANT = 'cpts-ledger';

/**
 * The guarantees of the backbone on real PostgreSQL and NATS: nothing lost
 * while a consumer is down, one effect per event, malformed events
 * dead-lettered without blocking, and the outbox surviving a crash.
 */
describe('event backbone on JetStream', () => {
  let databaseUrl: string;
  let prefix: string;
  let db: Client;
  let nc: NatsConnection;
  const started: RunningService[] = [];

  const producer = async () => {
    const service = await startService({ databaseUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    started.push(service);
    return service;
  };
  const consumer = async () => {
    const service = await startService({ databaseUrl, prefix, module: (r) => LedgerConsumerModule.register(r) });
    started.push(service);
    return service;
  };
  const record = async (service: RunningService, sequence: number, extra: { failTwice?: boolean } = {}) => {
    const entryId = randomUUID();
    await service.app.get(UnitOfWork).run({ tenantId: TENANT, correlationId: `c-${sequence}` }, async (tx) => {
      await tx.manager.query(`INSERT INTO "ledger_producer".entries (entry_id, sequence, tenant_id) VALUES ($1, $2, $3)`, [entryId, sequence, TENANT]);
      await tx.emit(EntryRecorded, { entryId, sequence, ...extra });
    });
    return entryId;
  };
  const appliedCount = async (entryId?: string): Promise<number> => {
    const { rows } = entryId
      ? await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied WHERE entry_id = $1', [entryId])
      : await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied');
    return rows[0].n as number;
  };
  const eventsSubject = () => `${prefix}.events.${EntryRecorded.subject}`;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    prefix = createTestPrefix();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    nc = await connect({ servers: natsUrl() });
  });

  afterEach(async () => {
    while (started.length) await started.pop()!.stop();
    await db.query('TRUNCATE "ledger_consumer".applied, "ledger_consumer".inbox, "ledger_consumer".dead_letter').catch(() => undefined);
  });

  afterAll(async () => {
    await db.end();
    await nc.close();
  });

  it('processes every event published while the consumer was stopped, once', async () => {
    const p = await producer();
    const c = await consumer();
    await c.stop();
    started.splice(started.indexOf(c), 1);

    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await record(p, i));
    await p.outboxDrained();
    expect(await appliedCount()).toBe(0);

    await consumer();
    await waitFor(async () => (await appliedCount()) >= ids.length, 30_000, 'all events applied after restart');
    await new Promise((r) => setTimeout(r, 500));
    const { rows } = await db.query('SELECT entry_id, count(*)::int AS n FROM "ledger_consumer".applied GROUP BY entry_id');
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.entry_id))).toEqual(new Set(ids));
  });

  it('gives an event delivered twice one effect (publisher dedupe and consumer inbox)', async () => {
    await consumer();
    const envelope = createEnvelope(EntryRecorded, { entryId: randomUUID(), sequence: 1 }, { tenantId: TENANT, correlationId: 'dup' });
    const js = nc.jetstream();
    // twice without a message id: JetStream cannot dedupe, only the inbox can
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(envelope)));
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(envelope)));
    // and twice through the transport: the server's dedupe window drops the second
    const transport = new JetStreamTransport({ url: natsUrl(), prefix, name: 'dup-test' });
    await transport.connect();
    await transport.publish(envelope);
    await transport.publish(envelope);
    await transport.close();

    await waitFor(async () => (await appliedCount(envelope.payload.entryId)) === 1, 10_000, 'the event applied');
    const marker = createEnvelope(EntryRecorded, { entryId: randomUUID(), sequence: 2 }, { tenantId: TENANT, correlationId: 'marker' });
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(marker)));
    await waitFor(async () => (await appliedCount(marker.payload.entryId)) === 1, 10_000, 'a later event applied');
    expect(await appliedCount(envelope.payload.entryId)).toBe(1);
  });

  it('dead-letters malformed events and keeps consuming the next ones', async () => {
    await consumer();
    const js = nc.jetstream();
    const valid = createEnvelope(EntryRecorded, { entryId: randomUUID(), sequence: 3 }, { tenantId: TENANT, correlationId: 'ok' });
    const badPayload = { ...valid, eventId: randomUUID(), payload: { entryId: 'not-a-uuid', sequence: 'three' } };
    const badEnvelope = { ...valid, eventId: 'nope', tenantId: '' };
    await js.publish(eventsSubject(), sc.encode('{not json'));
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(badPayload)));
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(badEnvelope)));
    await js.publish(eventsSubject(), sc.encode(JSON.stringify(valid)));

    await waitFor(async () => (await appliedCount(valid.payload.entryId)) === 1, 10_000, 'the valid event after the malformed ones');
    await waitFor(async () => (await db.query('SELECT 1 FROM "ledger_consumer".dead_letter')).rowCount === 3, 10_000, 'three dead letters recorded');
    const { rows } = await db.query('SELECT reason FROM "ledger_consumer".dead_letter ORDER BY id');
    expect(rows.map((r) => r.reason)).toEqual([
      'not JSON',
      expect.stringContaining('malformed payload: entryId'),
      expect.stringContaining('malformed envelope'),
    ]);
    const jsm = await nc.jetstreamManager();
    const dlq = await jsm.streams.info(`${prefix.toUpperCase()}_DLQ`);
    expect(dlq.state.messages).toBe(3);
    const first = await jsm.streams.getMessage(`${prefix.toUpperCase()}_DLQ`, { seq: dlq.state.first_seq });
    expect(first.header.get('Maillage-Reason')).toBe('not JSON');
  });

  it('retries a failing handler with back-off and applies the event once', async () => {
    await consumer();
    const p = await producer();
    const entryId = await record(p, 4, { failTwice: true });
    await waitFor(async () => (await appliedCount(entryId)) === 1, 15_000, 'the event applied on its third attempt');
    expect(handlerAttempts.get(entryId)).toBe(3);
  });

  it('publishes an event whose transaction committed before the producer crashed', async () => {
    const c = await consumer();
    const p = await producer();
    // the relay is stopped: the state and its event are committed, nothing is published
    await p.app.get(MessagingLifecycle).outboxRelay()!.stop();
    const entryId = await record(p, 5);
    await p.stop();
    started.splice(started.indexOf(p), 1);
    const pending = await db.query('SELECT count(*)::int AS n FROM "ledger_producer".outbox WHERE published_at IS NULL');
    expect(pending.rows[0].n).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await appliedCount(entryId)).toBe(0);

    await producer();
    await waitFor(async () => (await appliedCount(entryId)) === 1, 10_000, 'the event published after the restart');
    expect(c).toBeDefined();
  });

  it('never writes the event when the state change rolls back', async () => {
    const p = await producer();
    await consumer();
    const entryId = randomUUID();
    await expect(
      p.app.get(UnitOfWork).run({ tenantId: TENANT, correlationId: 'rollback' }, async (tx) => {
        await tx.emit(EntryRecorded, { entryId, sequence: 6 });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "ledger_producer".outbox WHERE envelope->'payload'->>'entryId' = $1`, [entryId]);
    expect(rows[0].n).toBe(0);
  });
});

