import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UnitOfWork } from '@maillage/platform';
import { createTestDatabase, createTestPrefix, NatsServerProcess, RunningService, startService, waitFor } from '@maillage/testing';
import { JetStreamTransport } from '../src';
import { EntryRecorded, LedgerConsumerModule, LedgerProducerModule } from '@maillage/testing';

const EVENTS = Number(process.env.MAILLAGE_CRASH_TEST_EVENTS ?? 10_000);
const TENANT = 'cpts-crash';
const CONSUMERS = ['ledger_east', 'ledger_west'];

/**
 * Three services on a NATS server of the test's own, killed with SIGKILL at
 * 30 % and 70 % of a burst and restarted: the outbox drains and each consumer
 * applies every event exactly once.
 */
describe('a NATS crash in the middle of a burst', () => {
  let server: NatsServerProcess;
  let db: Client;
  const services: RunningService[] = [];

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    const databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const transport = () => new JetStreamTransport({ url: server.url, prefix, name: 'crash-test', backoffMs: [100, 200, 400, 800], ackWaitMs: 2_000 });
    for (const schema of CONSUMERS) {
      services.push(await startService({ databaseUrl, prefix, transport: transport(), maxDeliver: 10, module: (r) => LedgerConsumerModule.register(r, schema) }));
    }
    services.push(await startService({ databaseUrl, prefix, transport: transport(), module: (r) => LedgerProducerModule.register(r) }));
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop();
    await db?.end();
    await server?.stop();
  });

  it(`loses and doubles none of ${EVENTS} events`, async () => {
    const producer = services[services.length - 1];
    const unitOfWork = producer.app.get(UnitOfWork);
    const crashes = new Set([Math.floor(EVENTS * 0.3), Math.floor(EVENTS * 0.7)]);
    for (let sequence = 0; sequence < EVENTS; sequence++) {
      if (crashes.has(sequence)) {
        await server.kill();
        // the producer keeps committing while the broker is down: the outbox holds the events
        for (let i = 0; i < 50 && sequence < EVENTS; i++, sequence++) await emit(unitOfWork, sequence);
        await server.restart();
      }
      if (sequence < EVENTS) await emit(unitOfWork, sequence);
    }
    await producer.outboxDrained(120_000);
    for (const schema of CONSUMERS) {
      await waitFor(async () => (await count(schema, 'count(DISTINCT entry_id)')) === EVENTS, 120_000, `${schema} to apply every event`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    for (const schema of CONSUMERS) {
      expect({ schema, applied: await count(schema, 'count(*)'), distinct: await count(schema, 'count(DISTINCT entry_id)') }).toEqual({
        schema,
        applied: EVENTS,
        distinct: EVENTS,
      });
    }
  }, 600_000);

  const emit = (unitOfWork: UnitOfWork, sequence: number) =>
    unitOfWork.run({ tenantId: TENANT, correlationId: `burst-${sequence}` }, (tx) => tx.emit(EntryRecorded, { entryId: randomUUID(), sequence }));

  const count = async (schema: string, expression: string): Promise<number> =>
    (await db.query(`SELECT ${expression}::int AS n FROM "${schema}".applied`)).rows[0].n;
});
