import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';

/** The identity provider could not be reached: a 503, not the caller's fault. */
export class IssuerUnavailableError extends Error {}

export interface OidcIssuerOptions {
  /** expected `iss`; taken from the discovery document when absent */
  issuer?: string;
  /**
   * where the provider describes itself. Standard providers answer at
   * `{issuer}/.well-known/openid-configuration`; Pro Santé Connect at
   * `{issuer}/.well-known/wallet-openid-configuration`.
   */
  discoveryUrl?: string;
  /** overrides the discovery document's `jwks_uri` (or replaces discovery) */
  jwksUrl?: string;
  /** a new kid triggers a refetch of the keys, at most once per this delay */
  jwksCooldownMs?: number;
  /** keys are refetched at least this often, so a withdrawn key stops working */
  jwksMaxAgeMs?: number;
  discoveryTimeoutMs?: number;
}

interface Resolved {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/**
 * An OIDC provider we trust: discovered once (retried on the next request if
 * the provider was down), then its JWKS cached by jose, refetched when a token
 * names a kid it does not know (key rotation) and at least every
 * `jwksMaxAgeMs`.
 */
export class OidcIssuer {
  private resolved?: Promise<Resolved>;

  constructor(private readonly options: OidcIssuerOptions) {
    if (!options.issuer && !options.discoveryUrl)
      throw new Error('an OIDC issuer needs AUTH_ISSUER or AUTH_DISCOVERY_URL');
  }

  /** The configured issuer, when known without discovery. */
  get configuredIssuer(): string | undefined {
    return this.options.issuer;
  }

  async resolve(): Promise<Resolved> {
    this.resolved ??= this.discover().catch((error: unknown) => {
      this.resolved = undefined;
      throw error;
    });
    return this.resolved;
  }

  private async discover(): Promise<Resolved> {
    let issuer = this.options.issuer;
    let jwksUri = this.options.jwksUrl;
    if (!jwksUri || !issuer) {
      const url =
        this.options.discoveryUrl ??
        `${issuer!.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const document = await fetchJson(url, this.options.discoveryTimeoutMs ?? 5000);
      const documentIssuer = typeof document.issuer === 'string' ? document.issuer : undefined;
      // OIDC Discovery §4.3: the document must name the issuer we expect
      if (!documentIssuer)
        throw new IssuerUnavailableError(`the discovery document at ${url} names no issuer`);
      if (issuer && documentIssuer !== issuer) {
        throw new IssuerUnavailableError(
          `the discovery document names issuer ${documentIssuer}, expected ${issuer}`,
        );
      }
      issuer = documentIssuer;
      if (!jwksUri) {
        if (typeof document.jwks_uri !== 'string')
          throw new IssuerUnavailableError(`the discovery document at ${url} has no jwks_uri`);
        jwksUri = document.jwks_uri;
      }
    }
    const keys = createRemoteJWKSet(new URL(jwksUri), {
      cooldownDuration: this.options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: this.options.jwksMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: 5000,
    });
    return { issuer: issuer!, keys };
  }
}

async function fetchJson(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new IssuerUnavailableError(
      `identity provider discovery at ${url} failed: ${String(error)}`,
    );
  }
  if (!response.ok)
    throw new IssuerUnavailableError(
      `identity provider discovery at ${url} answered ${response.status}`,
    );
  const body: unknown = await response.json().catch(() => undefined);
  if (!body || typeof body !== 'object')
    throw new IssuerUnavailableError(`identity provider discovery at ${url} is not JSON`);
  return body as Record<string, unknown>;
}
