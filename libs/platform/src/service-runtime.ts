import { MessageTransport } from '@maillage/messaging';

/**
 * What differs between the two modes, handed to every service module: the
 * same module runs in its own process on JetStream (distributed) or beside
 * the others on the in-process hub (standalone).
 */
export interface ServiceRuntime {
  databaseUrl: string;
  /**
   * the schema owner's URL (DATABASE_MIGRATION_URL): migrations run as it,
   * and `databaseUrl` is then a login that owns nothing
   */
  migrationDatabaseUrl?: string;
  /** the role tenant transactions run as, under row-level security (DATABASE_APP_ROLE; maillage_app) */
  appRole?: string;
  transport: MessageTransport;
  poolSize?: number;
  /** delivery attempts before an event is dead-lettered */
  maxDeliver?: number;
  /** how long a request to another service may take before a 504 */
  requestTimeoutMs?: number;
  /** several services share this process (and its one pino logger) */
  sharedProcess?: boolean;
}

export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const SERVICE_DATA_SOURCE = Symbol('SERVICE_DATA_SOURCE');
export const SERVICE_TRANSPORT = Symbol('SERVICE_TRANSPORT');
export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

export interface ServiceIdentity {
  service: string;
  schema: string;
}
