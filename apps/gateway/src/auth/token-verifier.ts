import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { ROLES, Role } from '@maillage/contracts';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { CLAIMS, Principal } from './principal';

export interface TrustedIssuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

/** Why a token is refused; becomes a 401 with this text. */
export class InvalidTokenError extends Error {}

/**
 * Verifies bearer tokens against the issuers we trust: the configured OIDC
 * provider (keys from its JWKS, cached and refreshed on an unknown kid by jose)
 * and, when enabled, the dev issuer. Only asymmetric algorithms: an HS256
 * token signed with a public key is refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly issuers: TrustedIssuer[] = [];

  constructor(options: { issuer?: string; audience?: string; jwksUrl?: string; devIssuer?: DevIssuer }) {
    if (options.issuer && options.jwksUrl) {
      this.issuers.push({
        issuer: options.issuer,
        audience: options.audience ?? 'maillage',
        keys: createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
      });
    }
    if (options.devIssuer) this.issuers.push({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keys: options.devIssuer.keySet() });
  }

  async verify(token: string): Promise<Principal> {
    const issuer = this.issuers.find((i) => i.issuer === unverifiedIssuer(token));
    if (!issuer) throw new InvalidTokenError('token issuer is not trusted');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
        clockTolerance: 30,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(`token refused: ${error.code}`);
      this.logger.warn({ error: String(error) }, 'token verification failed');
      throw new InvalidTokenError('token refused');
    }
    return toPrincipal(payload, issuer.issuer);
  }
}

function unverifiedIssuer(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

function toPrincipal(payload: JWTPayload, issuer: string): Principal {
  if (!payload.sub) throw new InvalidTokenError('token has no subject');
  const tenants: Record<string, Role[]> = {};
  const claim = payload[CLAIMS.tenants];
  if (claim && typeof claim === 'object' && !Array.isArray(claim)) {
    for (const [tenantId, roles] of Object.entries(claim as Record<string, unknown>)) {
      if (Array.isArray(roles)) tenants[tenantId] = roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
    }
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  return {
    subject: payload.sub,
    issuer,
    tenants,
    operator: payload[CLAIMS.operator] === true,
    memberId: str(payload[CLAIMS.memberId]),
    partnerId: str(payload[CLAIMS.partnerId]),
  };
}
