import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, createTestPrefix, EntryRecorded, LedgerConsumerProcess, LedgerProducerModule, natsUrl, RunningService, startService,
  waitFor,
} from '@maillage/testing';

const TENANT = 'cpts-consumer-crash';
const EVENTS = 40;
const CRASH_SEQUENCE = 17;

/**
 * A consumer process killed (SIGKILL) in the middle of one delivery: before the
 * commit of its effect (the transaction is open, the effect written), and after
 * the commit but before the ack. Either way the event comes again and its
 * effect exists once.
 */
describe('a consumer process killed in the middle of a delivery', () => {
  let databaseUrl: string;
  let db: Client;
  let producer: RunningService;
  const children: LedgerConsumerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterEach(async () => {
    while (children.length) await children.pop()!.kill();
    await producer?.stop();
  });

  afterAll(async () => {
    await db?.end();
  });

  const consumerProcess = async (prefix: string, crashAt?: 'before-commit' | 'after-commit') => {
    const child = await LedgerConsumerProcess.start({ databaseUrl, natsUrl: natsUrl(), prefix, schema: 'ledger_consumer', crashAt, crashSequence: CRASH_SEQUENCE });
    children.push(child);
    return child;
  };

  const burst = async (): Promise<string[]> => {
    const ids: string[] = [];
    const unitOfWork = producer.app.get(UnitOfWork);
    for (let sequence = 0; sequence < EVENTS; sequence++) {
      const entryId = randomUUID();
      ids.push(entryId);
      await unitOfWork.run({ tenantId: TENANT, correlationId: `crash-${sequence}` }, (tx) => tx.emit(EntryRecorded, { entryId, sequence }));
    }
    return ids;
  };

  const applied = async (sequence: number): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied WHERE sequence = $1', [sequence])).rows[0].n;

  const everyEventOnce = async (ids: string[]) => {
    await waitFor(async () => (await db.query('SELECT count(DISTINCT entry_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n === ids.length, 30_000, 'every event applied');
    await new Promise((r) => setTimeout(r, 1_500)); // a late duplicate would show by now (ack wait 1 s)
    const { rows } = await db.query('SELECT entry_id, count(*)::int AS n FROM "ledger_consumer".applied GROUP BY entry_id');
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.entry_id))).toEqual(new Set(ids));
  };

  const eventIdOf = async (sequence: number): Promise<string> =>
    (await db.query(`SELECT event_id FROM "ledger_producer".outbox WHERE (envelope->'payload'->>'sequence')::int = $1 ORDER BY created_at DESC LIMIT 1`, [sequence])).rows[0].event_id;

  beforeEach(async () => {
    await db.query('TRUNCATE "ledger_consumer".applied, "ledger_consumer".inbox, "ledger_consumer".dead_letter').catch(() => undefined);
  });

  it('dies before its commit: nothing of the effect stays, the redelivery applies it once', async () => {
    const prefix = createTestPrefix();
    producer = await startService({ databaseUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    const doomed = await consumerProcess(prefix, 'before-commit');
    const ids = await burst();

    const { signal } = await doomed.exit();
    expect(signal).toBe('SIGKILL');
    expect(doomed.lines).toContainEqual({ crash: 'before-commit', sequence: CRASH_SEQUENCE });
    // the open transaction died with the process: no effect, no inbox row
    expect(await applied(CRASH_SEQUENCE)).toBe(0);
    const eventId = await eventIdOf(CRASH_SEQUENCE);
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".inbox WHERE event_id = $1', [eventId])).rows[0].n).toBe(0);
    // the events before it were applied and acked
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".applied WHERE sequence < $1', [CRASH_SEQUENCE])).rows[0].n).toBe(CRASH_SEQUENCE);

    const survivor = await consumerProcess(prefix);
    await everyEventOnce(ids);
    expect(survivor.lines).toContainEqual({ delivered: CRASH_SEQUENCE, attempt: expect.any(Number), outcome: 'ack' });
    const redelivery = survivor.lines.find((l) => 'delivered' in l) as { attempt: number };
    expect(redelivery.attempt).toBeGreaterThanOrEqual(2);
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".inbox WHERE event_id = $1', [eventId])).rows[0].n).toBe(1);
  }, 120_000);

  it('dies after its commit, before its ack: the redelivery finds the inbox row and has no second effect', async () => {
    const prefix = createTestPrefix();
    producer = await startService({ databaseUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    const doomed = await consumerProcess(prefix, 'after-commit');
    const ids = await burst();

    const { signal } = await doomed.exit();
    expect(signal).toBe('SIGKILL');
    expect(doomed.lines).toContainEqual({ crash: 'after-commit', sequence: CRASH_SEQUENCE });
    // committed: the effect and the inbox row are there, the ack never left
    expect(await applied(CRASH_SEQUENCE)).toBe(1);
    const eventId = await eventIdOf(CRASH_SEQUENCE);
    expect((await db.query('SELECT count(*)::int AS n FROM "ledger_consumer".inbox WHERE event_id = $1', [eventId])).rows[0].n).toBe(1);

    const survivor = await consumerProcess(prefix);
    await everyEventOnce(ids);
    // the server delivered it again (no ack came) and the inbox turned it into a no-op
    const redelivery = survivor.lines.find((l) => 'delivered' in l) as { delivered: number; attempt: number; outcome: string } | undefined;
    expect(redelivery).toEqual({ delivered: CRASH_SEQUENCE, attempt: expect.any(Number), outcome: 'ack' });
    expect(redelivery!.attempt).toBeGreaterThanOrEqual(2);
    expect(await applied(CRASH_SEQUENCE)).toBe(1);
  }, 120_000);
});
