import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ServiceConfig, toBoolean } from '@maillage/config';
import { CLAIM_MAPPINGS, ClaimMapping } from './auth/token-verifier';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

export class GatewayConfig extends ServiceConfig {
  /** expected `iss` of bearer tokens (Pro Santé Connect or the CPTS's own OIDC provider) */
  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  /**
   * the provider's discovery document; default `{AUTH_ISSUER}/.well-known/openid-configuration`.
   * Pro Santé Connect: `https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet/.well-known/wallet-openid-configuration`
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  AUTH_DISCOVERY_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  /** overrides the discovery document's jwks_uri */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  AUTH_JWKS_URL?: string;

  /** `maillage`: tenants and roles in the token; `pro-sante-connect`: SubjectNameID, roles from membership */
  @IsIn(CLAIM_MAPPINGS)
  AUTH_CLAIM_MAPPING: ClaimMapping = 'maillage';

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/)
  AUTH_NATIONAL_ID_CLAIM = 'SubjectNameID';

  /** the issuer is a Pro Santé Connect sandbox (also inferred from its host): accept non-RPPS test identities */
  @IsBoolean()
  @Transform(toBoolean)
  AUTH_SANDBOX_ISSUER: boolean = false;

  /** least delay between two JWKS fetches caused by unknown kids */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  AUTH_JWKS_COOLDOWN_MS: number = 30_000;

  /** mints tokens for standalone mode and tests; never on in a real deployment */
  @IsBoolean()
  @Transform(toBoolean)
  AUTH_DEV_ISSUER_ENABLED: boolean = false;

  /** comma-separated origins allowed by CORS; empty: none */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsInt()
  @Min(100)
  @Max(120_000)
  REQUEST_TIMEOUT_MS: number = 10_000;

  /** requests per client (token subject, else IP) per RATE_LIMIT_WINDOW_MS; 0: no limit */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT: number = 600;

  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS: number = 60_000;

  /** largest JSON body, e.g. `256kb` */
  @Matches(/^\d{1,6}(b|kb|mb)$/)
  BODY_LIMIT = '256kb';

  /** reverse-proxy hops in front of the gateway (client address for rate limits) */
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY_HOPS: number = 0;
}
