import { exportSPKI, generateKeyPair, JWK, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { DEV_ISSUER_TOKEN } from '../../apps/gateway/src/auth/dev-issuer.controller';
import { DevIssuer } from '../../apps/gateway/src/auth/dev-issuer';
import { cptsTenant } from '../fixtures';
import { fillPath, WriteRoute, writeRoutes } from './openapi-routes';
import { Platform, rowCounts, startPlatform } from './platform';

const TENANT = 'cpts-a';
const ISSUER = 'urn:maillage:dev-issuer';
const AUDIENCE = 'maillage';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * Every write route of the gateway refuses a bad token with 401 and writes
 * nothing: expired, foreign issuer or audience, alg none, HS256 keyed with the
 * issuer's public key, unknown key id, bad signature, tampered claims. The
 * claims would make the caller an operator: only the defect stops them.
 * (test/gateway-auth.int-spec.ts covers the same defects on one route with a
 * Pro Santé Connect stand-in; this covers the routes.)
 */
describe('bad tokens on every write route', () => {
  let platform: Platform;
  let routes: WriteRoute[];
  let devKey: PrivateKey;
  let devJwk: JWK;

  const claims = { maillage_tenants: { [TENANT]: ['coordinator'] }, maillage_operator: true };
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = async (
    key: PrivateKey | Uint8Array,
    options: {
      alg?: string;
      kid?: string;
      issuer?: string;
      audience?: string;
      exp?: number;
      nbf?: number;
    } = {},
  ): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? devJwk.kid })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('intruder')
      .setIssuedAt(now - 10)
      .setJti(randomUUID());
    if (options.exp !== undefined) jwt.setExpirationTime(options.exp);
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(key);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    const gateway = platform.services[platform.services.length - 1];
    const devIssuer = gateway.app.get<DevIssuer>(DEV_ISSUER_TOKEN);
    // the dev issuer's own key, so that a token differs from an accepted one by its defect only
    devKey = (devIssuer as unknown as { privateKey: PrivateKey }).privateKey;
    devJwk = devIssuer.jwks().keys[0];
    const operator = await platform.http.token({ subject: 'operator', operator: true });
    expect(
      (
        await platform.http.call('POST', `/v1/tenants/${TENANT}`, {
          token: operator,
          body: cptsTenant(),
        })
      ).status,
    ).toBe(201);
    await platform.settled();
    routes = writeRoutes((await platform.http.call('GET', '/docs-json')).body);
    expect(routes.length).toBeGreaterThanOrEqual(35);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const pathOf = (route: WriteRoute): string =>
    fillPath(
      route,
      Object.fromEntries(
        route.params.map((p) => [
          p,
          p === 'tenantId'
            ? route.path === '/v1/tenants/{tenantId}' && route.method === 'POST'
              ? 'cpts-token-test'
              : TENANT
            : randomUUID(),
        ]),
      ),
    );

  const attempt = (route: WriteRoute, token: string) =>
    platform.http.call(route.method, pathOf(route), {
      token,
      body: route.body ? {} : undefined,
      headers: {
        'idempotency-key': randomUUID(),
        ...(route.method === 'PUT' || route.method === 'PATCH' ? { 'if-match': 'W/"1"' } : {}),
      },
    });

  const badTokens: [string, () => Promise<string>][] = [
    ['expired', () => sign(devKey, { exp: Math.floor(Date.now() / 1000) - 120 })],
    [
      'not yet valid',
      () =>
        sign(devKey, {
          exp: Math.floor(Date.now() / 1000) + 3600,
          nbf: Math.floor(Date.now() / 1000) + 1800,
        }),
    ],
    ['without expiry', () => sign(devKey)],
    [
      'of another issuer',
      () =>
        sign(devKey, {
          issuer: 'https://evil.example/realms/x',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
    ],
    [
      'for another audience',
      () => sign(devKey, { audience: 'another-api', exp: Math.floor(Date.now() / 1000) + 300 }),
    ],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT', kid: devJwk.kid })}.${b64({ ...claims, iss: ISSUER, aud: AUDIENCE, sub: 'intruder', exp: Math.floor(Date.now() / 1000) + 300 })}.`,
    ],
    [
      'HS256 keyed with the public JWK',
      () =>
        sign(new TextEncoder().encode(JSON.stringify(devJwk)), {
          alg: 'HS256',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
    ],
    [
      'HS256 keyed with the public key in PEM',
      async () => {
        const { importJWK } = await import('jose');
        const pem = await exportSPKI(
          (await importJWK(devJwk, 'RS256', { extractable: true })) as Parameters<typeof exportSPKI>[0],
        );
        return sign(new TextEncoder().encode(pem), {
          alg: 'HS256',
          exp: Math.floor(Date.now() / 1000) + 300,
        });
      },
    ],
    [
      'signed by a key the issuer does not publish',
      async () =>
        sign((await generateKeyPair('RS256')).privateKey, {
          kid: 'never-published',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
    ],
    [
      'with a bad signature under the published key id',
      async () =>
        sign((await generateKeyPair('RS256')).privateKey, {
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
    ],
    [
      'with claims changed after signing',
      async () => {
        const genuine = await platform.http.token({
          subject: 'coordinator-b',
          tenants: { 'cpts-b': ['coordinator'] },
        });
        const [header, payload, signature] = genuine.split('.');
        const altered = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...claims };
        return `${header}.${b64(altered)}.${signature}`;
      },
    ],
  ];

  it('accepts the same construction without a defect (the refusals below are for the defect)', async () => {
    const token = await sign(devKey, { exp: Math.floor(Date.now() / 1000) + 300 });
    for (const route of routes) {
      const response = await attempt(route, token);
      expect({
        route: `${route.method} ${route.path}`,
        status: response.status === 401 ? response.status : 'past the guard',
      }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 'past the guard',
      });
    }
  });

  it.each(badTokens)(
    'refuses a token %s with 401 on every write route and writes nothing',
    async (_, mint) => {
      const token = await mint();
      // Events of the accepted requests above may still be landing (an inbox row in
      // partners): let every outbox drain and every consumer go idle, so the counts
      // compared are those of this test's requests.
      await platform.settled();
      const before = await rowCounts(platform.db);
      for (const route of routes) {
        const response = await attempt(route, token);
        expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 401,
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      expect(await rowCounts(platform.db)).toEqual(before);
    },
  );
});
