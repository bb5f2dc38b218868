import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import {
  createTestDatabase, createTestPrefix, EntryRecorded, LedgerConsumerModule, LedgerProducerModule, natsUrl, PostgresServerProcess, RunningService,
  startService, waitFor,
} from '@maillage/testing';
import { JetStreamTransport } from '../src';

const EVENTS = 400;
const CRASH_AT = 100;
/** far longer than the test back-off (100+200+400+800 ms over 4 deliveries), as a long outage is to the real one */
const DOWN_MS = 6_000;

/**
 * The consumer's own PostgreSQL crashes while events keep coming and comes
 * back later than the whole redelivery back-off: the deliveries that failed
 * are retried, none is dead-lettered or dropped, and after recovery every
 * event is applied once.
 */
describe("the consumer's PostgreSQL down while events keep coming", () => {
  let pg: PostgresServerProcess;
  let nc: NatsConnection;
  let consumerDb: Client | undefined;
  const services: RunningService[] = [];

  beforeAll(async () => {
    pg = await PostgresServerProcess.start();
    nc = await connect({ servers: natsUrl() });
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await consumerDb?.end().catch(() => undefined);
    await nc?.close();
    await pg?.destroy();
  });

  it('retries, never drops, and applies every event once after recovery', async () => {
    const prefix = createTestPrefix();
    const consumerUrl = await pg.createDatabase('ledger');
    const producerUrl = await createTestDatabase();
    // back-off 100, 200, 400, 800 ms and 4 deliveries; a delivery lost in the outage comes again after 2 s
    const transport = new JetStreamTransport({ url: natsUrl(), prefix, name: 'consumer-pg-test', backoffMs: [100, 200, 400, 800], ackWaitMs: 2_000 });
    services.push(await startService({ databaseUrl: consumerUrl, prefix, transport, maxDeliver: 4, module: (r) => LedgerConsumerModule.register(r) }));
    const producer = await startService({ databaseUrl: producerUrl, prefix, module: (r) => LedgerProducerModule.register(r) });
    services.push(producer);
    const unitOfWork = producer.app.get(UnitOfWork);

    const ids: string[] = [];
    let outage: Promise<void> | undefined;
    for (let sequence = 0; sequence < EVENTS; sequence++) {
      if (sequence === CRASH_AT) {
        outage = (async () => {
          await pg.stop('immediate');
          await new Promise((r) => setTimeout(r, DOWN_MS));
          await pg.restart();
        })();
      }
      const entryId = randomUUID();
      ids.push(entryId);
      await unitOfWork.run({ tenantId: 'cpts-consumer-pg', correlationId: `cpg-${sequence}` }, (tx) => tx.emit(EntryRecorded, { entryId, sequence }));
      // a steady flow that lasts through the outage
      if (sequence >= CRASH_AT) await new Promise((r) => setTimeout(r, 10));
    }
    await outage;
    await producer.outboxDrained(60_000);

    consumerDb = new Client({ connectionString: consumerUrl });
    await consumerDb.connect();
    const distinct = async () => (await consumerDb!.query('SELECT count(DISTINCT entry_id)::int AS n FROM "ledger_consumer".applied')).rows[0].n as number;
    await waitFor(async () => (await distinct()) === EVENTS, 90_000, 'every event applied after the recovery').catch(() => undefined);

    const jsm = await nc.jetstreamManager();
    const deadLettered = (await jsm.streams.info(`${prefix.toUpperCase()}_DLQ`)).state.messages;
    const { rows } = await consumerDb.query('SELECT entry_id::text AS id, count(*)::int AS n FROM "ledger_consumer".applied GROUP BY entry_id');
    expect({ deadLettered, applied: rows.length, doubled: rows.filter((r) => r.n !== 1).length }).toEqual({ deadLettered: 0, applied: EVENTS, doubled: 0 });
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
  }, 180_000);
});
