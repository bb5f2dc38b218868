import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

// loadConfig's implicit conversion has already made Boolean('false') === true of the
// value by the time a @Transform runs: read what the environment said instead.
const toBoolean = ({
  value,
  obj,
  key,
}: {
  value: unknown;
  obj?: Record<string, unknown>;
  key?: string;
}): unknown => {
  const raw = obj !== undefined && key !== undefined && key in obj ? obj[key] : value;
  if (raw === true || raw === 'true' || raw === '1') return true;
  if (raw === false || raw === 'false' || raw === '0') return false;
  return raw;
};

/** Settings every service reads: where its database and NATS are, how it logs. */
export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /**
   * The schema owner, for migrations and row-security set-up only. When set,
   * DATABASE_URL must be a login that owns nothing (checked at start).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;

  @Matches(/^(nats|tls|ws|wss):\/\/.+/, { message: 'NATS_URL must be a nats:// URL' })
  NATS_URL!: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Streams and subjects are prefixed, so that several platforms (or test runs) share one NATS. */
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, {
    message: 'NATS_STREAM_PREFIX must be lowercase letters, digits or _',
  })
  NATS_STREAM_PREFIX = 'maillage';

  /** Role the service switches to for tenant data: it owns nothing and cannot bypass RLS. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'DATABASE_APP_ROLE must be a PostgreSQL role name',
  })
  DATABASE_APP_ROLE = 'maillage_app';

  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE: number = 10;

  @IsBoolean()
  @Transform(toBoolean)
  LOG_PRETTY: boolean = false;

  @IsOptional()
  @IsString()
  SERVICE_INSTANCE?: string;
}

export { toBoolean };
