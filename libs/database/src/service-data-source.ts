import { DataSource, EntityManager, MixedList, EntitySchema } from 'typeorm';
import { scopeToTenant } from './row-security';

export interface ServiceDatabaseOptions {
  /** postgres:// URL of the database; the service keeps to its own schema in it */
  url: string;
  /** the PostgreSQL schema this service owns, e.g. `membership` */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** name shown in pg_stat_activity */
  applicationName?: string;
}

/**
 * One DataSource per service and schema, with its own migrations table, never
 * `synchronize`: the schema changes only through reviewed migrations.
 */
export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // errors reach our own logs with context; TypeORM's console output is noise
    logging: false,
    applicationName: options.applicationName ?? `maillage-${options.schema}`,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
}

/**
 * Creates the schema and runs pending migrations under a PostgreSQL advisory
 * lock, so that several replicas starting together migrate once.
 */
export async function migrateServiceSchema(
  dataSource: DataSource,
  schema: string,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`maillage:migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`maillage:migrate:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs `work` in one transaction scoped to a tenant. The tenant is set with
 * `set_config(..., true)`: transaction-local, so it can never leak to the next
 * user of a pooled connection; row-level security policies read it, and the
 * transaction runs as the application role (see row-security.ts).
 */
export async function inTenantTransaction<T>(
  dataSource: DataSource,
  tenantId: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await scopeToTenant(dataSource, manager, tenantId);
    return work(manager);
  });
}

export async function pingDatabase(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) throw new Error('database not initialised');
  await dataSource.query('SELECT 1');
}
