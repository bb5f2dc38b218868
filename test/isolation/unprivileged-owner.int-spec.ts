import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
} from '@maillage/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { SchedulingModule } from '../../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient } from '../fixtures';
import { registerMemberThroughThePlatform } from './member-flow';

const OWNER = 'maillage_it_owner';
const APP_ROLE = 'maillage_it_app';

/**
 * As in production: the services connect as a user that is no superuser (it
 * owns its schemas, may create roles) and create their application role. Row
 * security then binds the owner too: it reads no tenant table outside a
 * tenant transaction, while the backbone (outbox relay, inbox) keeps working.
 */
describe('services connecting as an unprivileged owner', () => {
  let admin: Client;
  let owner: Client;
  const services: RunningService[] = [];
  let http: HttpClient;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    // roles are cluster-wide: another run may have made it already
    await admin
      .query(`CREATE ROLE ${OWNER} LOGIN NOSUPERUSER CREATEROLE NOBYPASSRLS`)
      .catch(() => undefined);
    const database = new URL(databaseUrl).pathname.slice(1);
    await admin.query(`ALTER DATABASE ${database} OWNER TO ${OWNER}`);
    const url = new URL(databaseUrl);
    url.username = OWNER;
    const ownerUrl = url.toString();
    const prefix = createTestPrefix();
    for (const module of [
      (r: Parameters<typeof MembershipModule.register>[0]) =>
        MembershipModule.register({ ...r, appRole: APP_ROLE }, 'warn'),
      (r: Parameters<typeof MembershipModule.register>[0]) =>
        SchedulingModule.register({ ...r, appRole: APP_ROLE }, 'warn'),
    ])
      services.push(await startService({ databaseUrl: ownerUrl, prefix, module }));
    services.push(
      await startService({
        databaseUrl: ownerUrl,
        prefix,
        listen: true,
        module: (r) =>
          GatewayModule.register({ ...r, appRole: APP_ROLE }, { devIssuerEnabled: true }, 'warn'),
        configure: (app) => configureGatewayHttp(app),
      }),
    );
    http = httpClient(await services[2].app.getUrl());
    owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    for (const service of services.reverse()) await service.stop();
    await admin?.end();
  });

  it('created the application role itself, without superuser nor BYPASSRLS, and granted it to the owner', async () => {
    const { rows } = await admin.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin, pg_has_role($2, r.rolname, 'MEMBER') AS granted,
              (SELECT rolsuper FROM pg_roles WHERE rolname = $2) AS owner_super
         FROM pg_roles r WHERE r.rolname = $1`,
      [APP_ROLE, OWNER],
    );
    expect(rows).toEqual([
      {
        rolsuper: false,
        rolbypassrls: false,
        rolcanlogin: false,
        granted: true,
        owner_super: false,
      },
    ]);
  });

  it('registers a member through the gateway, relays the event and fills the staff pool, with every tenant table under forced RLS', async () => {
    await registerMemberThroughThePlatform(http, services[0], 'cpts-a');
  });

  it('shows the owner no tenant row outside a tenant transaction, but the backbone tables', async () => {
    const count = async (table: string) =>
      (await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    expect(await count('membership.members')).toBe(0);
    expect(await count('scheduling.staff_members')).toBe(0);
    expect(await count('membership.outbox')).toBeGreaterThanOrEqual(2);
    expect(await count('scheduling.inbox')).toBeGreaterThanOrEqual(1);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', 'cpts-a', true)`);
    await owner.query(`SET LOCAL ROLE ${APP_ROLE}`);
    expect(await count('membership.members')).toBe(1);
    await owner.query('COMMIT');
  });
});
