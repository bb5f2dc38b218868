import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceConfig, toBoolean } from '@maillage/config';

export class GatewayConfig extends ServiceConfig {
  /** expected `iss` of bearer tokens (Pro Santé Connect or the CPTS's own OIDC provider) */
  @IsOptional() @IsString()
  AUTH_ISSUER?: string;

  @IsOptional() @IsString()
  AUTH_AUDIENCE?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  AUTH_JWKS_URL?: string;

  /** mints tokens for standalone mode and tests; never on in a real deployment */
  @IsBoolean() @Transform(toBoolean)
  AUTH_DEV_ISSUER_ENABLED: boolean = false;

  /** comma-separated origins allowed by CORS; empty: none */
  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  @IsInt() @Min(100) @Max(120_000)
  REQUEST_TIMEOUT_MS: number = 10_000;
}
