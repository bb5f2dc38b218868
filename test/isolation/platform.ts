import { connect } from 'nats';
import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  natsUrl,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { CampaignsModule } from '../../apps/campaigns/src/campaigns.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { PartnersModule } from '../../apps/partners/src/partners.module';
import { SchedulingModule } from '../../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient } from '../fixtures';

/** The schemas the five apps own; every table of each is counted. */
export const SERVICE_SCHEMAS = ['membership', 'scheduling', 'campaigns', 'partners', 'gateway'];

export interface Platform {
  databaseUrl: string;
  /** subject and stream prefix of the platform's JetStream */
  prefix: string;
  http: HttpClient;
  db: Client;
  services: RunningService[];
  /**
   * Resolves once every event already written has been handled: outboxes
   * empty, and every durable consumer of the platform's stream with nothing
   * pending nor awaiting an ack, twice in a row. A test that compares row
   * counts before and after a refused request takes its "before" here, or
   * a late event of its set-up (an inbox row) reads as a write.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform in distributed mode (four services and the gateway, each
 * its own Nest app on real PostgreSQL and NATS), for tests that go through
 * every route of the gateway.
 */
export async function startPlatform(): Promise<Platform> {
  const databaseUrl = await createTestDatabase();
  const prefix = createTestPrefix();
  const services: RunningService[] = [];
  for (const module of [
    (r: Parameters<typeof MembershipModule.register>[0]) => MembershipModule.register(r, 'warn'),
    (r: Parameters<typeof MembershipModule.register>[0]) => SchedulingModule.register(r, 'warn'),
    (r: Parameters<typeof MembershipModule.register>[0]) => CampaignsModule.register(r, 'warn'),
    (r: Parameters<typeof MembershipModule.register>[0]) => PartnersModule.register(r, 'warn'),
  ])
    services.push(await startService({ databaseUrl, prefix, module }));
  const gateway = await startService({
    databaseUrl,
    prefix,
    listen: true,
    // the rate limit is not under test here: hostile bodies come by the hundred
    module: (r) =>
      GatewayModule.register(
        r,
        { devIssuerEnabled: true, rateLimit: { limit: 0, windowMs: 60_000 } },
        'fatal',
      ),
    configure: (app) => configureGatewayHttp(app),
  });
  services.push(gateway);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    databaseUrl,
    prefix,
    http: httpClient(await gateway.app.getUrl()),
    db,
    services,
    settled: async () => {
      for (const service of services) await service.outboxDrained();
      const nc = await connect({ servers: natsUrl() });
      try {
        const jsm = await nc.jetstreamManager();
        const stream = `${prefix.toUpperCase()}_EVENTS`;
        let quietRounds = 0;
        await waitFor(
          async () => {
            let busy = false;
            for await (const consumer of jsm.consumers.list(stream)) {
              const info = await jsm.consumers.info(stream, consumer.name);
              if (info.num_pending > 0 || info.num_ack_pending > 0) busy = true;
            }
            quietRounds = busy ? 0 : quietRounds + 1;
            return quietRounds >= 2;
          },
          20_000,
          `every consumer of ${stream} to be idle`,
        );
      } finally {
        await nc.close();
      }
    },
    stop: async () => {
      await db.end();
      for (const service of services.reverse()) await service.stop();
    },
  };
}

/**
 * Row counts of every table of every service schema (messaging tables
 * included: outbox, inbox, dead letters), as one comparable string.
 */
export async function rowCounts(db: Client): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
      ORDER BY 1, 2`,
    [SERVICE_SCHEMAS],
  );
  const union = tables
    .map(
      (t) =>
        `SELECT '${t.schema}.${t.name}' AS t, count(*)::int AS n FROM "${t.schema}"."${t.name}"`,
    )
    .join(' UNION ALL ');
  const { rows } = await db.query<{ t: string; n: number }>(union);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
