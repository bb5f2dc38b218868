import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { MessagingLifecycle, UnitOfWork } from '@maillage/platform';
import { createTestDatabase, createTestPrefix, RunningService, startService, waitFor } from '@maillage/testing';
import { EventEnvelope } from '@maillage/contracts';
import { createEnvelope, InProcessHub, InProcessTransport } from '../src';
import { EntryRecorded, handlerAttempts, LedgerConsumerModule, LedgerProducerModule } from '@maillage/testing';

const TENANT = 'cpts-ledger';

/**
 * Standalone mode keeps the backbone's guarantees without a broker: the
 * outbox row stays pending until every subscriber applied the event (behind
 * its inbox) or dead-lettered it. Real PostgreSQL, in-process delivery.
 */
describe('event backbone in one process (standalone mode)', () => {
  let databaseUrl: string;
  let db: Client;
  let hub: InProcessHub;
  const started: RunningService[] = [];

  const start = async (module: typeof LedgerProducerModule | typeof LedgerConsumerModule) => {
    const service = await startService({
      databaseUrl,
      prefix: createTestPrefix(),
      transport: new InProcessTransport(hub),
      module: (r) => module.register(r),
    });
    started.push(service);
    return service;
  };
  const record = async (service: RunningService, sequence: number, extra: { failTwice?: boolean } = {}) => {
    const entryId = randomUUID();
    await service.app.get(UnitOfWork).run({ tenantId: TENANT, correlationId: `c-${sequence}` }, (tx) =>
      tx.emit(EntryRecorded, { entryId, sequence, ...extra }),
    );
    return entryId;
  };
  const appliedCount = async (entryId: string): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied WHERE entry_id = $1', [entryId])).rows[0].n;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  beforeEach(() => {
    hub = new InProcessHub();
    hub.open();
  });

  afterEach(async () => {
    while (started.length) await started.pop()!.stop();
  });

  afterAll(async () => db.end());

  it('delivers committed events to the other service once, even when published twice', async () => {
    const consumer = await start(LedgerConsumerModule);
    const producer = await start(LedgerProducerModule);
    const entryId = await record(producer, 1);
    await waitFor(async () => (await appliedCount(entryId)) === 1, 10_000, 'the event applied');
    await producer.outboxDrained();
    const [row] = (await db.query(`SELECT envelope FROM "ledger_producer".outbox WHERE envelope->'payload'->>'entryId' = $1`, [entryId])).rows;
    await consumer.transport.publish(row.envelope as EventEnvelope);
    expect(await appliedCount(entryId)).toBe(1);
  });

  it('keeps a failing event pending and retries it until the handler succeeds', async () => {
    await start(LedgerConsumerModule);
    const producer = await start(LedgerProducerModule);
    const entryId = await record(producer, 2, { failTwice: true });
    await waitFor(async () => (await appliedCount(entryId)) === 1, 15_000, 'the event applied on its third attempt');
    expect(handlerAttempts.get(entryId)).toBe(3);
    await producer.outboxDrained();
  });

  it('dead-letters an event that breaks its contract and delivers the next one', async () => {
    const consumer = await start(LedgerConsumerModule);
    const valid = createEnvelope(EntryRecorded, { entryId: randomUUID(), sequence: 3 }, { tenantId: TENANT, correlationId: 'x' });
    const broken = { ...valid, eventId: randomUUID(), payload: { entryId: 42 } } as unknown as EventEnvelope;
    await consumer.transport.publish(broken);
    await consumer.transport.publish(valid);
    expect(await appliedCount(valid.payload.entryId)).toBe(1);
    const { rows } = await db.query('SELECT reason FROM "ledger_consumer".dead_letter WHERE event_id = $1', [broken.eventId]);
    expect(rows).toEqual([{ reason: expect.stringContaining('malformed payload') }]);
  });

  it('publishes after a restart what was committed before a crash', async () => {
    await start(LedgerConsumerModule);
    const producer = await start(LedgerProducerModule);
    await producer.app.get(MessagingLifecycle).outboxRelay()!.stop();
    const entryId = await record(producer, 4);
    await producer.stop();
    started.splice(started.indexOf(producer), 1);
    expect(await appliedCount(entryId)).toBe(0);
    await start(LedgerProducerModule);
    await waitFor(async () => (await appliedCount(entryId)) === 1, 10_000, 'the event published after the restart');
  });
});
