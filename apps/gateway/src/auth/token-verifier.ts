import { Injectable, Logger } from '@nestjs/common';
import { errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { ROLES, Role } from '@maillage/contracts';
import { isProSanteConnectSandboxIssuer, parseIdNatPs } from '@maillage/identifiers';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { IssuerUnavailableError, OidcIssuer, OidcIssuerOptions } from './oidc-issuer';
import { CLAIMS, Principal, PSC_NATIONAL_ID_CLAIM } from './principal';

/**
 * How a provider's claims become a principal: `maillage` reads tenants and
 * roles from the token (the CPTS's own provider, the dev issuer);
 * `pro-sante-connect` reads the professional's national identifier and lets
 * membership say which member they are, with which roles, in each tenant.
 */
export const CLAIM_MAPPINGS = ['maillage', 'pro-sante-connect'] as const;
export type ClaimMapping = (typeof CLAIM_MAPPINGS)[number];

export interface OidcOptions extends OidcIssuerOptions {
  audience?: string;
  claimMapping?: ClaimMapping;
  /** the claim holding idNat_PS (Pro Santé Connect: `SubjectNameID`) */
  nationalIdClaim?: string;
  /** the issuer is a Pro Santé Connect sandbox: test identities are not RPPS-shaped */
  sandbox?: boolean;
}

export interface TokenVerifierOptions {
  oidc?: OidcOptions;
  devIssuer?: DevIssuer;
  /** seconds of clock skew tolerated on exp/nbf/iat */
  clockToleranceSec?: number;
}

/** Why a token is refused; becomes a 401 with this text. */
export class InvalidTokenError extends Error {}

interface TrustedIssuer {
  issuer: () => Promise<string>;
  audience: string;
  keys: () => Promise<JWTVerifyGetKey>;
  mapping: ClaimMapping;
  nationalIdClaim: string;
  sandbox: boolean;
}

/** Asymmetric only: an HS256 token "signed" with our public key, or `alg: none`, never verifies. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * Verifies bearer tokens against the issuers we trust: the configured OIDC
 * provider (discovered, keys from its JWKS, rotated on an unknown kid) and,
 * when enabled, the dev issuer.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly issuers: TrustedIssuer[] = [];

  constructor(private readonly options: TokenVerifierOptions) {
    const oidc = options.oidc;
    if (oidc && (oidc.issuer || oidc.discoveryUrl)) {
      const provider = new OidcIssuer(oidc);
      this.issuers.push({
        issuer: async () => provider.configuredIssuer ?? (await provider.resolve()).issuer,
        audience: oidc.audience ?? DEV_AUDIENCE,
        keys: async () => (await provider.resolve()).keys,
        mapping: oidc.claimMapping ?? 'maillage',
        nationalIdClaim: oidc.nationalIdClaim ?? PSC_NATIONAL_ID_CLAIM,
        sandbox:
          oidc.sandbox === true ||
          (oidc.issuer !== undefined && isProSanteConnectSandboxIssuer(oidc.issuer)),
      });
    }
    if (options.devIssuer) {
      const keys = options.devIssuer.keySet();
      this.issuers.push({
        issuer: async () => DEV_ISSUER,
        audience: DEV_AUDIENCE,
        keys: async () => keys,
        mapping: 'maillage',
        nationalIdClaim: PSC_NATIONAL_ID_CLAIM,
        sandbox: false,
      });
    }
  }

  async verify(token: string): Promise<Principal> {
    const claimed = unverifiedIssuer(token);
    let trusted: TrustedIssuer | undefined;
    let issuer = '';
    let unavailable: unknown;
    for (const candidate of this.issuers) {
      try {
        issuer = await candidate.issuer();
      } catch (error) {
        // a provider that cannot be discovered must not lock out the others (the dev issuer)
        unavailable = error;
        continue;
      }
      if (issuer === claimed) {
        trusted = candidate;
        break;
      }
    }
    if (!trusted) {
      if (unavailable) throw unavailable;
      throw new InvalidTokenError('token issuer is not trusted');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await trusted.keys(), {
        issuer,
        audience: trusted.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSec ?? 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof IssuerUnavailableError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWKSTimeout)
        throw new IssuerUnavailableError('the identity provider keys could not be fetched in time');
      if (error instanceof errors.JWKSNoMatchingKey)
        throw new InvalidTokenError('token signed with a key the issuer does not publish');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new InvalidTokenError(`token refused: ${error.claim} ${error.reason}`);
      if (error instanceof errors.JOSEError)
        throw new InvalidTokenError(`token refused: ${error.code}`);
      // not a JOSE error: the JWKS could not be fetched
      this.logger.warn({ error: String(error) }, 'token keys unavailable');
      throw new IssuerUnavailableError('the identity provider keys could not be fetched');
    }
    return trusted.mapping === 'pro-sante-connect'
      ? proSanteConnectPrincipal(payload, issuer, trusted)
      : maillagePrincipal(payload, issuer);
  }
}

function unverifiedIssuer(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
      iss?: unknown;
    };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function maillagePrincipal(payload: JWTPayload, issuer: string): Principal {
  if (!payload.sub) throw new InvalidTokenError('token has no subject');
  // no prototype: a claimed tenant `__proto__` stays a key and never becomes the prototype
  const tenants = Object.create(null) as Record<string, Role[]>;
  const claim = payload[CLAIMS.tenants];
  if (claim && typeof claim === 'object' && !Array.isArray(claim)) {
    for (const [tenantId, roles] of Object.entries(claim as Record<string, unknown>)) {
      if (Array.isArray(roles))
        tenants[tenantId] = roles.filter((r): r is Role =>
          (ROLES as readonly unknown[]).includes(r),
        );
    }
  }
  return {
    subject: payload.sub,
    issuer,
    tenants,
    operator: payload[CLAIMS.operator] === true,
    memberId: str(payload[CLAIMS.memberId]),
    partnerId: str(payload[CLAIMS.partnerId]),
  };
}

/**
 * A professional signed in with Pro Santé Connect: identified by idNat_PS
 * (`SubjectNameID`), never by `sub` (a technical id). No tenant, role or
 * operator claim is read from such a token: membership grants them.
 */
function proSanteConnectPrincipal(
  payload: JWTPayload,
  issuer: string,
  trusted: TrustedIssuer,
): Principal {
  if (!payload.sub) throw new InvalidTokenError('token has no subject');
  const parsed = parseIdNatPs(payload[trusted.nationalIdClaim], {
    sandboxIssuerConfigured: trusted.sandbox,
  });
  if (!parsed.valid) throw new InvalidTokenError(`token refused: ${parsed.reason}`);
  return {
    subject: payload.sub,
    issuer,
    tenants: {},
    operator: false,
    nationalId: { kind: parsed.id.kind, value: parsed.id.value },
  };
}
