import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toBoolean } from '@maillage/config';

/** Standalone needs nothing configured; everything here has a default. */
export class StandaloneConfig {
  @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  /** where the embedded PostgreSQL keeps its data between restarts */
  @IsString()
  MAILLAGE_DATA_DIR = './data';

  @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_POSTGRES_PORT: number = 54329;

  /** use this PostgreSQL instead of the embedded one */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  // a newcomer reads the plain-text banner; request logs come with LOG_LEVEL=info
  LOG_LEVEL = 'warn';

  @IsBoolean() @Transform(toBoolean)
  AUTH_DEV_ISSUER_ENABLED: boolean = true;

  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  /** requests per client per minute at the gateway; 0: no limit (benchmarks) */
  @IsInt() @Min(0) @Max(1_000_000)
  RATE_LIMIT: number = 600;

  /** open the demo CPTS Sud-Valence (213 members) on first start, through the API with dev tokens */
  @IsBoolean() @Transform(toBoolean)
  MAILLAGE_DEMO: boolean = true;
}
