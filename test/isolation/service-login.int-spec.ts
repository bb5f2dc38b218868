import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
} from '@maillage/testing';
import { ServiceRuntime } from '@maillage/platform';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { SchedulingModule } from '../../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient } from '../fixtures';
import { registerMemberThroughThePlatform } from './member-flow';

const OWNER = 'maillage_it_owner';
const LOGIN = 'maillage_it_service';
const APP_ROLE = 'maillage_it_app';

/**
 * As the deployment guides set it up: migrations run as the schemas' owner
 * (DATABASE_MIGRATION_URL), and the services connect with DATABASE_URL as a
 * login that owns nothing, is no superuser and cannot bypass row security.
 * Whatever SQL that login were made to run, it could not lift isolation.
 */
describe('services connecting as a login that owns nothing', () => {
  let admin: Client;
  let login: Client;
  let ownerUrl: string;
  let loginUrl: string;
  let prefix: string;
  const services: RunningService[] = [];
  let http: HttpClient;

  const asUser = (databaseUrl: string, user: string): string => {
    const url = new URL(databaseUrl);
    url.username = user;
    return url.toString();
  };
  const split = (r: ServiceRuntime): ServiceRuntime => ({
    ...r,
    databaseUrl: loginUrl,
    migrationDatabaseUrl: ownerUrl,
    appRole: APP_ROLE,
  });

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    // roles are cluster-wide: another run may have made them already
    await admin
      .query(`CREATE ROLE ${OWNER} LOGIN NOSUPERUSER CREATEROLE NOBYPASSRLS`)
      .catch(() => undefined);
    await admin
      .query(`CREATE ROLE ${LOGIN} LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS`)
      .catch(() => undefined);
    await admin.query(`ALTER DATABASE ${new URL(databaseUrl).pathname.slice(1)} OWNER TO ${OWNER}`);
    ownerUrl = asUser(databaseUrl, OWNER);
    loginUrl = asUser(databaseUrl, LOGIN);
    prefix = createTestPrefix();
    for (const module of [
      (r: ServiceRuntime) => MembershipModule.register(split(r), 'warn'),
      (r: ServiceRuntime) => SchedulingModule.register(split(r), 'warn'),
    ])
      services.push(await startService({ databaseUrl: loginUrl, prefix, module }));
    services.push(
      await startService({
        databaseUrl: loginUrl,
        prefix,
        listen: true,
        module: (r) => GatewayModule.register(split(r), { devIssuerEnabled: true }, 'warn'),
        configure: (app) => configureGatewayHttp(app),
      }),
    );
    http = httpClient(await services[2].app.getUrl());
    login = new Client({ connectionString: loginUrl });
    await login.connect();
  }, 120_000);

  afterAll(async () => {
    await login?.end();
    for (const service of services.reverse()) await service.stop();
    await admin?.end();
  });

  it('connects as a login that is no superuser, cannot bypass RLS nor create roles, and owns no schema nor table', async () => {
    const { rows } = await admin.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_stat_activity WHERE usename = r.rolname AND datname = current_database()) AS connections
         FROM pg_roles r WHERE r.rolname = $1`,
      [LOGIN],
    );
    expect(rows[0]).toMatchObject({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      schemas: 0,
      relations: 0,
    });
    // the services' pools are this login's (the owner's connections were closed after migrating)
    expect(rows[0].connections).toBeGreaterThan(1);
    const owners = await admin.query(
      `SELECT DISTINCT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ANY($1)`,
      [['membership', 'scheduling', 'gateway']],
    );
    expect(owners.rows).toEqual([{ owner: OWNER }]);
  });

  it('registers a member through the gateway, relays the event and fills the staff pool', async () => {
    await registerMemberThroughThePlatform(http, services[0], 'cpts-a');
  });

  it('shows the login no tenant row outside a tenant transaction, only the backbone tables', async () => {
    const count = async (table: string) =>
      (await login.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    expect(await count('membership.members')).toBe(0);
    expect(await count('scheduling.staff_members')).toBe(0);
    expect(await count('membership.outbox')).toBeGreaterThanOrEqual(2);
    expect(await count('scheduling.inbox')).toBeGreaterThanOrEqual(1);
    for (const [tenant, expected] of [
      ['cpts-a', 1],
      ['cpts-b', 0],
    ] as const) {
      await login.query('BEGIN');
      await login.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
      await login.query(`SET LOCAL ROLE ${APP_ROLE}`);
      expect(await count('membership.members')).toBe(expected);
      await login.query('COMMIT');
    }
  });

  it.each([
    ['disable row security', 'ALTER TABLE membership.members DISABLE ROW LEVEL SECURITY'],
    ['lift forced row security', 'ALTER TABLE membership.members NO FORCE ROW LEVEL SECURITY'],
    ['drop a policy', 'DROP POLICY maillage_tenant ON membership.members'],
    ['add a policy', 'CREATE POLICY open ON membership.members FOR SELECT TO PUBLIC USING (true)'],
    ['become the owner', `SET ROLE ${OWNER}`],
    ['create a table', 'CREATE TABLE membership.copy (id int)'],
    ['drop a table', 'DROP TABLE membership.members'],
    ['grant itself more', `ALTER ROLE ${LOGIN} BYPASSRLS`],
  ])('cannot %s', async (_what, statement) => {
    await expect(login.query(statement)).rejects.toThrow(
      /must be owner|permission denied|must be superuser|must have/,
    );
    const { rows } = await admin.query(
      `SELECT relrowsecurity, relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policy WHERE polrelid = c.oid) AS policies
         FROM pg_class c WHERE oid = 'membership.members'::regclass`,
    );
    expect(rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true, policies: 2 });
  });

  it('refuses to start when the service login owns its schema', async () => {
    await expect(
      startService({
        databaseUrl: ownerUrl,
        prefix,
        module: (r) =>
          MembershipModule.register(
            { ...r, databaseUrl: ownerUrl, migrationDatabaseUrl: ownerUrl, appRole: APP_ROLE },
            'fatal',
          ),
      }),
    ).rejects.toThrow(/owns nothing|has CREATEROLE|owns \d+ schema/);
  });
});
