import { exportJWK, generateKeyPair, JWK, SignJWT, createLocalJWKSet, JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { Role } from '@maillage/contracts';
import { CLAIMS } from './principal';

export const DEV_ISSUER = 'urn:maillage:dev-issuer';
export const DEV_AUDIENCE = 'maillage';

export interface DevTokenRequest {
  subject: string;
  tenants?: Record<string, Role[]>;
  operator?: boolean;
  memberId?: string;
  partnerId?: string;
  /** seconds; negative mints an already expired token (tests) */
  expiresIn?: number;
}

/**
 * A small OIDC-like issuer for standalone mode and tests: a fresh RS256 key per
 * process, tokens shaped like those of the real provider. Off unless enabled.
 */
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export class DevIssuer {
  private constructor(
    private readonly privateKey: PrivateKey,
    private readonly jwk: JWK,
  ) {}

  static async create(): Promise<DevIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    return new DevIssuer(privateKey, jwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }

  keySet(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks());
  }

  async mint(request: DevTokenRequest): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = request.expiresIn ?? 3600;
    return new SignJWT({
      [CLAIMS.tenants]: request.tenants ?? {},
      [CLAIMS.operator]: request.operator ?? false,
      ...(request.memberId ? { [CLAIMS.memberId]: request.memberId } : {}),
      ...(request.partnerId ? { [CLAIMS.partnerId]: request.partnerId } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.jwk.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(request.subject)
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 60 : now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}
