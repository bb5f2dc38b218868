import { Client } from 'pg';
import { RunningService } from '@maillage/testing';
import { HttpClient } from '../fixtures';
import { databaseOwnedBy, startMembershipSchedulingGateway } from './database-roles';
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
  let services: RunningService[] = [];
  let http: HttpClient;

  beforeAll(async () => {
    const database = await databaseOwnedBy(OWNER);
    admin = database.admin;
    const ownerUrl = database.urlAs(OWNER);
    ({ services, http } = await startMembershipSchedulingGateway(ownerUrl, (r) => ({
      ...r,
      appRole: APP_ROLE,
    })));
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
