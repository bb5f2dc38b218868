import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, JWK, SignJWT } from 'jose';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface SigningKey {
  kid: string;
  pair: KeyPair;
  jwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    pair,
    jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * A stand-in for Pro Santé Connect in tests: its discovery document at the
 * non-standard `wallet-openid-configuration` path, a JWKS the test rotates,
 * and a count of how often the gateway fetched the keys.
 */
export class FakeOidcProvider {
  published: SigningKey[] = [];
  jwksFetches = 0;
  private server?: Server;
  issuer = '';
  discoveryUrl = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/realms/esante-wallet/.well-known/wallet-openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            issuer: this.issuer,
            jwks_uri: `${this.issuer}/protocol/openid-connect/certs`,
          }),
        );
      } else if (request.url === '/realms/esante-wallet/protocol/openid-connect/certs') {
        this.jwksFetches++;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.issuer = `http://127.0.0.1:${port}/realms/esante-wallet`;
    this.discoveryUrl = `${this.issuer}/.well-known/wallet-openid-configuration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** A token shaped like Pro Santé Connect's: `sub` a technical id, `SubjectNameID` the idNat_PS. */
  async token(
    key: SigningKey,
    claims: {
      subjectNameId?: string;
      audience?: string;
      issuer?: string;
      expiresIn?: number;
      kid?: string;
      extra?: Record<string, unknown>;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = claims.expiresIn ?? 300;
    return new SignJWT({
      ...(claims.subjectNameId ? { SubjectNameID: claims.subjectNameId } : {}),
      ...claims.extra,
    })
      .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? key.kid })
      .setIssuer(claims.issuer ?? this.issuer)
      .setAudience(claims.audience ?? 'maillage-api')
      .setSubject(`f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:${claims.subjectNameId ?? 'none'}`)
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 60 : now)
      .setExpirationTime(now + expiresIn)
      .sign(key.pair.privateKey);
  }
}

/** `alg: none`: a token anyone can write. */
export function unsignedToken(payload: Record<string, unknown>): string {
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** The classic key-confusion attack: HS256 with the issuer's public key as the HMAC secret. */
export async function hs256WithPublicKey(
  key: SigningKey,
  payload: Record<string, unknown>,
): Promise<string> {
  const secret = new TextEncoder().encode(await exportSPKI(key.pair.publicKey));
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(secret);
}
