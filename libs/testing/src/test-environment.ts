import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where integration tests find PostgreSQL and NATS: DATABASE_URL / NATS_URL
 * from the environment (CI and these machines), else containers started by the
 * global setup. Every test file gets its own database and subject prefix, so
 * runs — and files of one run — never see each other's data.
 */
export const RUN_ID_VAR = 'MAILLAGE_TEST_RUN_ID';

export function runId(): string {
  const id = process.env[RUN_ID_VAR];
  if (!id) throw new Error(`${RUN_ID_VAR} is not set: integration tests run through jest's global setup`);
  return id;
}

export function baseDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the global setup sets it from a container when absent)');
  return url;
}

export function natsUrl(): string {
  const url = process.env.NATS_URL;
  if (!url) throw new Error('NATS_URL is not set (the global setup sets it from a container when absent)');
  return url;
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A fresh, empty database for one test file; dropped by the global teardown. */
export async function createTestDatabase(): Promise<string> {
  const name = `maillage_t_${runId()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(baseDatabaseUrl(), name);
}

/** A fresh stream and subject prefix for one test file. */
export function createTestPrefix(): string {
  return `t${runId()}${randomBytes(3).toString('hex')}`;
}

export const databasesOfRun = async (id: string): Promise<string[]> => {
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`maillage_t_${id}_%`]);
    return rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
};

export async function dropDatabases(names: string[]): Promise<void> {
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
