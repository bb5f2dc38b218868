import { DynamicModule, INestApplication } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { exitOnConfigError, loadConfig, ServiceConfig } from '@maillage/config';
import { JetStreamTransport } from '@maillage/messaging';
import { startApp } from './bootstrap';
import { ServiceRuntime } from './service-runtime';

export interface DistributedServiceOptions<C extends ServiceConfig> {
  service: string;
  /** port when PORT is not set: each service has its own, so they can share a host */
  defaultPort: number;
  config?: ClassConstructor<C>;
  module: (runtime: ServiceRuntime, config: C) => DynamicModule;
  configure?: (app: INestApplication, config: C) => void | Promise<void>;
}

/**
 * The distributed mode of one app: its own process, PostgreSQL from
 * DATABASE_URL, JetStream from NATS_URL. A wrong setting stops it with one line.
 */
export async function runDistributedService<C extends ServiceConfig>(
  options: DistributedServiceOptions<C>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig(options.config ?? (ServiceConfig as ClassConstructor<C>), {
      PORT: String(options.defaultPort),
      ...process.env,
    });
  } catch (error) {
    exitOnConfigError(error);
  }
  const transport = new JetStreamTransport({
    url: config.NATS_URL,
    prefix: config.NATS_STREAM_PREFIX,
    name: `${options.service}${config.SERVICE_INSTANCE ? `-${config.SERVICE_INSTANCE}` : ''}`,
  });
  const runtime: ServiceRuntime = {
    databaseUrl: config.DATABASE_URL,
    migrationDatabaseUrl: config.DATABASE_MIGRATION_URL,
    appRole: config.DATABASE_APP_ROLE,
    transport,
    poolSize: config.DATABASE_POOL_SIZE,
  };
  await startApp(options.module(runtime, config), {
    port: config.PORT,
    configure: (app) => options.configure?.(app, config),
  });
}
