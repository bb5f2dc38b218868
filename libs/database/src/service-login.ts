import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { enforceTenantRowSecurity, useApplicationRole } from './row-security';
import { createServiceDataSource, migrateServiceSchema } from './service-data-source';

export interface ServiceSchemaPreparation {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** the NOLOGIN role tenant transactions switch to */
  appRole: string;
  /**
   * postgres:// URL of the schema's owner (DATABASE_MIGRATION_URL). With it,
   * migrations and row security run as the owner on a connection of their
   * own, closed afterwards, and the service's own connection (DATABASE_URL)
   * must be a login that owns nothing: were the service ever made to run a
   * statement of an attacker's, it could not disable row security, drop a
   * policy or alter a table. Without it, one user does both (development,
   * standalone).
   */
  ownerUrl?: string;
}

/**
 * Brings the service's schema up to date and under row security, and
 * readies `dataSource` (the service's own connection) for tenant transactions.
 */
export async function prepareServiceSchema(
  dataSource: DataSource,
  options: ServiceSchemaPreparation,
): Promise<void> {
  if (!options.ownerUrl) {
    await migrateServiceSchema(dataSource, options.schema);
    await enforceTenantRowSecurity(dataSource, options.schema, options.appRole);
    return;
  }
  const login = await assertLoginOwnsNothing(dataSource);
  const owner = createServiceDataSource({
    url: options.ownerUrl,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    // one connection holds the migration lock while the migrations run on another
    poolSize: 2,
    applicationName: `maillage-${options.schema}-migrations`,
  });
  await owner.initialize();
  try {
    await migrateServiceSchema(owner, options.schema);
    await enforceTenantRowSecurity(owner, options.schema, options.appRole, login);
  } finally {
    await owner.destroy();
  }
  useApplicationRole(dataSource, options.appRole);
}

/**
 * The service login may not be superuser, bypass row security, create roles,
 * nor own a schema or a relation of this database: any of these would let it
 * undo tenant isolation. Returns its name.
 */
export async function assertLoginOwnsNothing(dataSource: DataSource): Promise<string> {
  const [role] = (await dataSource.query(
    `SELECT r.rolname AS name, r.rolsuper AS super, r.rolbypassrls AS bypass, r.rolcreaterole AS createrole,
            (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
            (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as {
    name: string;
    super: boolean;
    bypass: boolean;
    createrole: boolean;
    schemas: number;
    relations: number;
  }[];
  const faults = [
    role.super && 'is superuser',
    role.bypass && 'has BYPASSRLS',
    role.createrole && 'has CREATEROLE',
    role.schemas > 0 && `owns ${role.schemas} schema(s)`,
    role.relations > 0 && `owns ${role.relations} table(s) or sequence(s)`,
  ].filter((fault): fault is string => typeof fault === 'string');
  if (faults.length > 0)
    throw new Error(
      `DATABASE_URL's user ${role.name} ${faults.join(', ')}: with DATABASE_MIGRATION_URL set, the service connects as a login that owns nothing (create one: LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE)`,
    );
  return role.name;
}
