import { DataSource, EntityManager } from 'typeorm';

/** The role tenant transactions run as, unless DATABASE_APP_ROLE names another. */
export const DEFAULT_APP_ROLE = 'maillage_app';

/** The backbone's tables: the outbox relay and dead-lettering work across tenants as the owner. */
const BACKBONE_TABLES = ['outbox', 'inbox', 'dead_letter'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const TENANT_ID = /^[^,]{1,200}$/;

/** The application role of each DataSource whose schema is under row-level security. */
const appRoles = new WeakMap<DataSource, string>();

export function appRoleOf(dataSource: DataSource): string | undefined {
  return appRoles.get(dataSource);
}

/**
 * Tenant transactions of `dataSource` run as `appRole`: for a service login
 * whose schema was prepared by another connection (the owner's, see
 * service-login.ts).
 */
export function useApplicationRole(dataSource: DataSource, appRole: string): void {
  if (!ROLE_NAME.test(appRole)) throw new Error(`${appRole} is not a PostgreSQL role name`);
  appRoles.set(dataSource, appRole);
}

/**
 * Puts every table of `schema` that has a `tenant_id` column under row-level
 * security, ENABLEd and FORCEd (the owner too is subject to it):
 * - `maillage_tenant`: the application role reads and writes the rows of the
 *   tenant of its transaction (`app.tenant_id`, set per transaction);
 * - `maillage_read_across`: the application role may read, not write, the rows
 *   of the tenants a transaction names in `app.read_tenants` (see
 *   `readAcrossTenants`): the few reads that legitimately span tenants;
 * - `maillage_backbone_owner`, on outbox, inbox and dead letters only: the
 *   connecting user (and the service login, when there is one) keeps the
 *   relay's and dead-lettering's cross-tenant work.
 * Tables added by later migrations are covered at the next start. The
 * application role is created when missing (NOLOGIN, owning nothing, no
 * BYPASSRLS) if the connecting user may, and granted to it for `SET ROLE`.
 * With `serviceLogin` (the user the service connects as once migrated, which
 * owns nothing) that login gets the schema's tables, the backbone policy and
 * the application role; it can never alter a table nor drop a policy.
 */
export async function enforceTenantRowSecurity(
  dataSource: DataSource,
  schema: string,
  appRole: string = DEFAULT_APP_ROLE,
  serviceLogin?: string,
): Promise<string[]> {
  if (!ROLE_NAME.test(appRole)) throw new Error(`${appRole} is not a PostgreSQL role name`);
  if (serviceLogin !== undefined && !ROLE_NAME.test(serviceLogin))
    throw new Error(`${serviceLogin} is not a PostgreSQL role name`);
  await ensureAppRole(dataSource, appRole);
  if (serviceLogin) await grantRole(dataSource, appRole, serviceLogin);
  const role = `"${appRole}"`;
  const s = `"${schema}"`;
  const backbone = serviceLogin ? `CURRENT_USER, "${serviceLogin}"` : 'CURRENT_USER';
  const covered = await dataSource.transaction(async (manager) => {
    // one replica at a time, as for migrations
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`maillage:rls:${schema}`]);
    await manager.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
    await manager.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`,
    );
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`);
    if (serviceLogin) {
      const login = `"${serviceLogin}"`;
      await manager.query(`GRANT USAGE ON SCHEMA ${s} TO ${login}`);
      // every table but the migrations' own: the login reads and writes, never alters
      const tables: { name: string }[] = await manager.query(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'migrations'`,
        [schema],
      );
      for (const { name } of tables)
        await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}."${name}" TO ${login}`);
      await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${login}`);
    }
    const tables: { name: string }[] = await manager.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        ORDER BY 1`,
      [schema],
    );
    for (const { name } of tables) {
      const t = `${s}."${name}"`;
      await manager.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await manager.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
      await replacePolicy(
        manager,
        t,
        'maillage_tenant',
        `FOR ALL TO ${role} USING (tenant_id::text = current_setting('app.tenant_id', true))
         WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true))`,
      );
      await replacePolicy(
        manager,
        t,
        'maillage_read_across',
        `FOR SELECT TO ${role} USING (current_setting('app.read_tenants', true) = '*'
           OR tenant_id::text = ANY (string_to_array(current_setting('app.read_tenants', true), ',')))`,
      );
      if (BACKBONE_TABLES.includes(name))
        await replacePolicy(
          manager,
          t,
          'maillage_backbone_owner',
          `FOR ALL TO ${backbone} USING (true) WITH CHECK (true)`,
        );
    }
    return tables.map((t) => t.name);
  });
  appRoles.set(dataSource, appRole);
  return covered;
}

async function replacePolicy(
  manager: EntityManager,
  table: string,
  name: string,
  definition: string,
): Promise<void> {
  await manager.query(`DROP POLICY IF EXISTS ${name} ON ${table}`);
  await manager.query(`CREATE POLICY ${name} ON ${table} ${definition}`);
}

/** Creates the application role when missing, refuses one that could bypass row-level security. */
async function ensureAppRole(dataSource: DataSource, appRole: string): Promise<void> {
  const find = async () =>
    (
      await dataSource.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, [
        appRole,
      ])
    )[0] as { rolsuper: boolean; rolbypassrls: boolean } | undefined;
  if (!(await find())) {
    try {
      await dataSource.query(
        `CREATE ROLE "${appRole}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT`,
      );
    } catch (error) {
      // another service, or another database of the cluster, created it meanwhile
      if (!(await find()))
        throw new Error(
          `the role ${appRole} does not exist and ${String((error as Error).message)}: create it (NOLOGIN NOBYPASSRLS) and grant it to the service's user`,
        );
    }
  }
  const role = await find();
  if (role?.rolsuper || role?.rolbypassrls)
    throw new Error(
      `the role ${appRole} is superuser or has BYPASSRLS: tenant isolation would not hold`,
    );
  const [{ user }] = await dataSource.query(`SELECT current_user AS user`);
  await grantRole(dataSource, appRole, user);
}

/** Grants `role` to `grantee` for `SET ROLE`, unless it has it already. */
async function grantRole(dataSource: DataSource, role: string, grantee: string): Promise<void> {
  const [{ member }] = await dataSource.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [
    grantee,
    role,
  ]);
  if (!member) await dataSource.query(`GRANT "${role}" TO "${grantee}"`);
}

/**
 * Scopes the current transaction to `tenantId`: the tenant for row-level
 * security, transaction-local (`set_config(..., true)`, never leaking to the
 * pooled connection's next user), and the application role, which cannot
 * bypass it.
 */
export async function scopeToTenant(
  dataSource: DataSource,
  manager: EntityManager,
  tenantId: string,
): Promise<void> {
  await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  const role = appRoles.get(dataSource);
  if (role) await manager.query(`SET LOCAL ROLE "${role}"`);
}

/**
 * A read-only transaction that may read the rows of several tenants — `'*'`
 * for all — for the few reads that span tenants by nature (a partner's radar
 * over the CPTS it works with, a clock scanning due agreements). It writes
 * nothing: each change goes through its own tenant's transaction.
 */
export async function readAcrossTenants<T>(
  dataSource: DataSource,
  tenants: readonly string[] | '*',
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (tenants !== '*' && !tenants.every((t) => TENANT_ID.test(t)))
    throw new Error('a tenant id cannot hold a comma');
  return dataSource.transaction(async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await manager.query(`SELECT set_config('app.read_tenants', $1, true)`, [
      tenants === '*' ? '*' : tenants.join(','),
    ]);
    const role = appRoles.get(dataSource);
    if (role) await manager.query(`SET LOCAL ROLE "${role}"`);
    return work(manager);
  });
}
