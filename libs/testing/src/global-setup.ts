import { randomBytes } from 'node:crypto';
import { RUN_ID_VAR } from './test-environment';

interface StartedContainer {
  stop(): Promise<unknown>;
}

declare global {
  var __MAILLAGE_CONTAINERS__: StartedContainer[] | undefined;
}

/**
 * Gives the run its id and, only when DATABASE_URL / NATS_URL are unset,
 * starts PostgreSQL and NATS containers with testcontainers.
 */
export default async function globalSetup(): Promise<void> {
  process.env[RUN_ID_VAR] = randomBytes(3).toString('hex');
  const containers: StartedContainer[] = [];
  if (!process.env.DATABASE_URL) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:17-alpine').start();
    containers.push(pg);
    process.env.DATABASE_URL = pg.getConnectionUri();
  }
  if (!process.env.NATS_URL) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const nats = await new GenericContainer('nats:2.11-alpine')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    containers.push(nats);
    process.env.NATS_URL = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  }
  globalThis.__MAILLAGE_CONTAINERS__ = containers;
}
