import { Client } from 'pg';
import { ServiceRuntime } from '@maillage/platform';
import { createTestPrefix, RunningService, startService } from '@maillage/testing';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { HttpClient } from '../fixtures';
import { databaseOwnedBy, startMembershipSchedulingGateway } from './database-roles';
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
  let services: RunningService[] = [];
  let http: HttpClient;

  const split = (r: ServiceRuntime): ServiceRuntime => ({
    ...r,
    databaseUrl: loginUrl,
    migrationDatabaseUrl: ownerUrl,
    appRole: APP_ROLE,
  });

  beforeAll(async () => {
    const database = await databaseOwnedBy(OWNER, [LOGIN]);
    admin = database.admin;
    ownerUrl = database.urlAs(OWNER);
    loginUrl = database.urlAs(LOGIN);
    ({ services, http } = await startMembershipSchedulingGateway(loginUrl, split));
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
        prefix: createTestPrefix(),
        module: (r) =>
          MembershipModule.register(
            { ...r, databaseUrl: ownerUrl, migrationDatabaseUrl: ownerUrl, appRole: APP_ROLE },
            'fatal',
          ),
      }),
    ).rejects.toThrow(/owns nothing|has CREATEROLE|owns \d+ schema/);
  });
});
