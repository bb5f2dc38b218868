import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  createTestDatabase, createTestPrefix, LedgerConsumerModule, LedgerProducerModule, PostgresServerProcess, RunningService, startService,
  waitFor,
} from '@maillage/testing';

const REQUESTS = 600;
const CONCURRENCY = 8;
const CRASH_AT = 200;
const DOWN_MS = 3_000;

interface Answer {
  entryId: string;
  status: number;
}

/**
 * The producer's own PostgreSQL crashes (`pg_ctl stop -m immediate`) in the
 * middle of a burst of HTTP writes and comes back: no 2xx was answered for a
 * change whose row and outbox row are not both committed, every committed row
 * has its event and the outbox drains to the consumer, once each.
 */
describe("the producer's PostgreSQL crashing mid-burst", () => {
  let pg: PostgresServerProcess;
  let producerDb: Client | undefined;
  let consumerDb: Client;
  const services: RunningService[] = [];

  beforeAll(async () => {
    pg = await PostgresServerProcess.start();
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await producerDb?.end().catch(() => undefined);
    await consumerDb?.end();
    await pg?.destroy();
  });

  it('answers 2xx only for changes committed with their event, and drains the outbox after the restart', async () => {
    const prefix = createTestPrefix();
    const producerUrl = await pg.createDatabase('ledger');
    const consumerUrl = await createTestDatabase();
    consumerDb = new Client({ connectionString: consumerUrl });
    await consumerDb.connect();
    services.push(await startService({ databaseUrl: consumerUrl, prefix, maxDeliver: 10, module: (r) => LedgerConsumerModule.register(r) }));
    const producer = await startService({ databaseUrl: producerUrl, prefix, listen: true, module: (r) => LedgerProducerModule.register(r, 'fatal') });
    services.push(producer);
    const base = (await producer.app.getUrl()).replace('[::1]', '127.0.0.1');

    const answers: Answer[] = [];
    let next = 0;
    let crash: Promise<void> | undefined;
    const post = async (sequence: number): Promise<void> => {
      const entryId = randomUUID();
      let status = 0;
      try {
        const response = await fetch(`${base}/entries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ entryId, sequence, tenantId: 'cpts-pg-crash' }),
          signal: AbortSignal.timeout(20_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0; // no answer at all
      }
      answers.push({ entryId, status });
    };
    const worker = async () => {
      while (next < REQUESTS) {
        const sequence = next++;
        if (sequence === CRASH_AT) {
          crash = (async () => {
            await pg.stop('immediate');
            await new Promise((r) => setTimeout(r, DOWN_MS));
            await pg.restart();
          })();
        }
        await post(sequence);
        // keep the burst going through the outage, not faster than the server can refuse
        if (crash && answers.length > CRASH_AT && answers[answers.length - 1].status !== 201) await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await crash;

    producerDb = new Client({ connectionString: producerUrl });
    await producerDb.connect();
    const ids = async (sql: string): Promise<Set<string>> => new Set((await producerDb!.query(sql)).rows.map((r) => r.id as string));
    const entries = await ids('SELECT entry_id::text AS id FROM "ledger_producer".entries');
    const events = await ids(`SELECT envelope->'payload'->>'entryId' AS id FROM "ledger_producer".outbox`);
    const created = answers.filter((a) => a.status === 201).map((a) => a.entryId);
    const refused = answers.filter((a) => a.status !== 201);

    // the crash was felt, and the service came back
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.status === 0 || a.status >= 500)).toBe(true);
    expect(created.length).toBeGreaterThan(REQUESTS - CRASH_AT - refused.length - CONCURRENCY);
    // a row and its event are committed together or not at all
    expect([...entries].filter((id) => !events.has(id))).toEqual([]);
    expect([...events].filter((id) => !entries.has(id))).toEqual([]);
    // every 2xx stands for a committed change (a failed answer may or may not have committed)
    expect(created.filter((id) => !entries.has(id))).toEqual([]);

    await producer.outboxDrained(60_000);
    // the relay listens for commits again (not only polling once a second)
    await waitFor(
      async () =>
        (await producerDb!.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'maillage-relay-ledger_producer' AND query ILIKE 'LISTEN%'`))
          .rowCount === 1,
      15_000,
      'the relay to listen again',
    );
    const applied = async () => (await consumerDb.query('SELECT count(DISTINCT entry_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n as number;
    await waitFor(async () => (await applied()) === entries.size, 60_000, 'every committed event applied');
    await new Promise((r) => setTimeout(r, 1_000));
    const { rows } = await consumerDb.query('SELECT entry_id::text AS id, count(*)::int AS n FROM "ledger_consumer".applied GROUP BY entry_id');
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.id))).toEqual(entries);
  }, 180_000);
});
