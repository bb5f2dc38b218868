import { Client } from 'pg';
import { createTestDatabase, createTestPrefix, RunningService } from '@maillage/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { HttpClient, nurse } from './fixtures';
import { startFrontDoor } from './front-door';
import {
  FakeOidcProvider,
  hs256WithPublicKey,
  SigningKey,
  signingKey,
  unsignedToken,
} from '../apps/gateway/test/oidc-provider';

const TENANT = 'cpts-a';
const NURSE_A_RPPS = '99700218896';
const NURSE_B_RPPS = '10005173140';

/**
 * Who gets in, through HTTP, on real PostgreSQL and NATS: tokens of a stand-in
 * Pro Santé Connect (discovery at its wallet-openid-configuration, rotating
 * JWKS), identities resolved by membership, and every refusal writing nothing.
 */
describe('gateway authentication and tenant access', () => {
  const provider = new FakeOidcProvider();
  let key1: SigningKey;
  let databaseUrl: string;
  let membership: RunningService;
  let gateway: RunningService;
  let http: HttpClient;
  let db: Client;
  let coordinator: string;
  let nurseA: string;
  let nurseB: string;

  const writes = async (): Promise<string> => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM membership.members) AS members, (SELECT count(*) FROM membership.outbox) AS outbox,
              (SELECT count(*) FROM gateway.idempotency_keys) AS keys`,
    );
    return JSON.stringify(rows[0]);
  };

  beforeAll(async () => {
    await provider.start();
    key1 = await signingKey('psc-key-1');
    provider.published = [key1];
    databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [[TENANT], ['cpts-b']],
      gateway: (r) =>
        GatewayModule.register(
          r,
          {
            devIssuerEnabled: true,
            discoveryUrl: provider.discoveryUrl,
            issuer: provider.issuer,
            audience: 'maillage-api',
            claimMapping: 'pro-sante-connect',
            jwksCooldownMs: 0,
          },
          'warn',
        ),
    }));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    coordinator = await http.token({
      subject: 'coordinator-a',
      tenants: { [TENANT]: ['coordinator'] },
    });
    const a = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: nurse({ identifierValue: NURSE_A_RPPS }),
    });
    const b = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: nurse({ identifierValue: NURSE_B_RPPS, firstName: 'Julie' }),
    });
    if (a.status !== 201) console.log(JSON.stringify(a.body));
    expect([a.status, b.status]).toEqual([201, 201]);
    nurseA = a.body.memberId;
    nurseB = b.body.memberId;
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    await membership?.stop();
    await provider.stop();
  });

  it('knows a Pro Santé Connect professional by SubjectNameID (8 + RPPS) as the member registered with that RPPS', async () => {
    const token = await provider.token(key1, { subjectNameId: `8${NURSE_A_RPPS}` });
    const me = await http.call('GET', `/v1/tenants/${TENANT}/me`, { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      tenantId: TENANT,
      memberId: nurseA,
      roles: ['member'],
      issuer: provider.issuer,
      nationalIdKind: 'RPPS',
    });
  });

  it('gives the coordinator role to the professional the association made its coordinator, and no access to one who left', async () => {
    const rpps = '80000000028';
    const registered = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: nurse({
        identifierValue: rpps,
        firstName: 'Anne',
        association: {
          periods: [{ from: '2025-01-01', duesPaid: true }],
          roles: ['member', 'coordinator'],
        },
      }),
    });
    expect(registered.status).toBe(201);
    const token = await provider.token(provider.published[0], { subjectNameId: `8${rpps}` });
    const me = await http.call('GET', `/v1/tenants/${TENANT}/me`, { token });
    expect(me.body.roles).toEqual(['member', 'coordinator']);
    const leaver = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: nurse({ identifierValue: '80000000036', firstName: 'Paul' }),
    });
    expect(leaver.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const left = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/members/${leaver.body.memberId}/leave`,
      { token: coordinator, body: { leftOn: today } },
    );
    expect(left.status).toBe(200);
    const leaverToken = await provider.token(provider.published[0], {
      subjectNameId: '880000000036',
    });
    const refused = await http.call('GET', `/v1/tenants/${TENANT}/me`, { token: leaverToken });
    expect(refused.status).toBe(403);
  });

  describe('refuses with 401 and writes nothing', () => {
    const attempt = async (
      token: string | undefined,
      extraHeaders: Record<string, string> = {},
    ) => {
      const before = await writes();
      const response = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
        token,
        body: nurse({ identifierKind: 'NONE', identifierValue: undefined, lastName: 'Intrus' }),
        headers: { 'idempotency-key': `k-${Math.random()}`, ...extraHeaders },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="maillage"/);
      expect(await writes()).toBe(before);
      return response.body.detail as string;
    };
    const coordinatorClaims = {
      maillage_tenants: { [TENANT]: ['coordinator'] },
      maillage_operator: true,
    };

    it('without a token', async () => {
      expect(await attempt(undefined)).toMatch(/bearer token is required/);
      const expired = await provider.token(key1, {
        subjectNameId: `8${NURSE_A_RPPS}`,
        expiresIn: -120,
      });
      const response = await http.call('GET', `/v1/tenants/${TENANT}/me`, { token: expired });
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="maillage", error="invalid_token"',
      );
    });

    it('with a malformed Authorization header', async () => {
      expect(await attempt(undefined, { authorization: 'Basic Y29vcmRpbmF0b3I6c2VjcmV0' })).toMatch(
        /bearer token is required/,
      );
    });

    it('with an expired token', async () => {
      expect(
        await attempt(
          await provider.token(key1, { subjectNameId: `8${NURSE_A_RPPS}`, expiresIn: -120 }),
        ),
      ).toMatch(/expired/);
      expect(
        await attempt(
          await http.token({
            subject: 'coordinator-a',
            tenants: { [TENANT]: ['coordinator'] },
            expiresIn: -120,
          }),
        ),
      ).toMatch(/expired/);
    });

    it('with a token of another issuer, even signed with a published key', async () => {
      const token = await provider.token(key1, {
        subjectNameId: `8${NURSE_A_RPPS}`,
        issuer: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet',
      });
      expect(await attempt(token)).toMatch(/issuer is not trusted/);
    });

    it('with a token for another audience', async () => {
      expect(
        await attempt(
          await provider.token(key1, {
            subjectNameId: `8${NURSE_A_RPPS}`,
            audience: 'another-service',
          }),
        ),
      ).toMatch(/aud/);
    });

    it('with alg: none', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = unsignedToken({
        iss: provider.issuer,
        aud: 'maillage-api',
        sub: 'x',
        SubjectNameID: `8${NURSE_A_RPPS}`,
        exp: now + 300,
        ...coordinatorClaims,
      });
      await attempt(token);
    });

    it('with HS256 signed with the public key of the issuer', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await hs256WithPublicKey(key1, {
        iss: provider.issuer,
        aud: 'maillage-api',
        sub: 'x',
        SubjectNameID: `8${NURSE_A_RPPS}`,
        exp: now + 300,
      });
      expect(await attempt(token)).toMatch(/ALG_NOT_ALLOWED|alg/i);
    });

    it('with a key id the issuer does not publish, after fetching its keys again', async () => {
      const stranger = await signingKey('never-published');
      const fetches = provider.jwksFetches;
      expect(
        await attempt(await provider.token(stranger, { subjectNameId: `8${NURSE_A_RPPS}` })),
      ).toMatch(/key the issuer does not publish/);
      expect(provider.jwksFetches).toBeGreaterThan(fetches);
    });

    it('with a bad signature under a published key id', async () => {
      const forger = await signingKey(key1.kid);
      expect(
        await attempt(await provider.token(forger, { subjectNameId: `8${NURSE_A_RPPS}` })),
      ).toMatch(/signature/i);
    });

    it('with a SubjectNameID that is not 8 + a valid RPPS, and with a sandbox identity on a production issuer', async () => {
      expect(await attempt(await provider.token(key1, { subjectNameId: '899700218897' }))).toMatch(
        /RPPS|key/i,
      );
      expect(
        await attempt(await provider.token(key1, { subjectNameId: 'ANS20231122132732' })),
      ).toMatch(/neither/);
    });

    it('with a token from the dev issuer signed by a key it never had', async () => {
      const stranger = await signingKey('dev');
      const now = Math.floor(Date.now() / 1000);
      const { SignJWT } = await import('jose');
      const token = await new SignJWT(coordinatorClaims)
        .setProtectedHeader({ alg: 'RS256', kid: 'dev' })
        .setIssuer('urn:maillage:dev-issuer')
        .setAudience('maillage')
        .setSubject('intruder')
        .setExpirationTime(now + 300)
        .sign(stranger.pair.privateKey);
      await attempt(token);
    });
  });

  it('follows a key rotation: a token under a newly published kid verifies once the keys are fetched again', async () => {
    const key2 = await signingKey('psc-key-2');
    provider.published = [key1, key2];
    const fetches = provider.jwksFetches;
    const me = await http.call('GET', `/v1/tenants/${TENANT}/me`, {
      token: await provider.token(key2, { subjectNameId: `8${NURSE_B_RPPS}` }),
    });
    expect(me.status).toBe(200);
    expect(me.body.memberId).toBe(nurseB);
    expect(provider.jwksFetches).toBe(fetches + 1);
    provider.published = [key2];
  });

  describe('refuses with 403 and writes nothing', () => {
    it('a coordinator of another CPTS', async () => {
      const before = await writes();
      const token = await http.token({
        subject: 'coordinator-b',
        tenants: { 'cpts-b': ['coordinator'] },
      });
      const response = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
        token,
        body: nurse({ identifierKind: 'NONE', identifierValue: undefined }),
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 403, detail: 'no access to this tenant' });
      expect(await writes()).toBe(before);
    });

    it('a professional signed in with Pro Santé Connect in a CPTS where they are not a member', async () => {
      const before = await writes();
      const token = await provider.token(provider.published[0], {
        subjectNameId: `8${NURSE_A_RPPS}`,
      });
      const response = await http.call('POST', '/v1/tenants/cpts-b/members', {
        token,
        body: nurse({ identifierKind: 'NONE', identifierValue: undefined }),
      });
      expect(response.status).toBe(403);
      expect(await writes()).toBe(before);
    });

    it('a member registering someone (a coordinator action)', async () => {
      const before = await writes();
      const token = await provider.token(provider.published[0], {
        subjectNameId: `8${NURSE_A_RPPS}`,
      });
      const response = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
        token,
        body: nurse({ identifierKind: 'NONE', identifierValue: undefined }),
      });
      expect(response.status).toBe(403);
      expect(response.body.detail).toMatch(/coordinator/);
      expect(await writes()).toBe(before);
    });

    it("a member changing another member's availability, while they may change their own", async () => {
      const token = await provider.token(provider.published[0], {
        subjectNameId: `8${NURSE_A_RPPS}`,
      });
      const availability = {
        availability: { weekly: [{ weekday: 2, start: '14:00', end: '18:00' }], exceptions: [] },
      };
      // the coordinator's view of B gives the current ETag: the refusal is about who, not which version
      const bRecord = await http.call('GET', `/v1/tenants/${TENANT}/members/${nurseB}`, {
        token: coordinator,
      });
      const before = await writes();
      const other = await http.call('PUT', `/v1/tenants/${TENANT}/members/${nurseB}/availability`, {
        token,
        body: availability,
        headers: { 'if-match': bRecord.headers.get('etag')! },
      });
      expect(other.status).toBe(403);
      expect(other.body.detail).toMatch(/own record/);
      expect(await writes()).toBe(before);
      const ownRecord = await http.call('GET', `/v1/tenants/${TENANT}/members/${nurseA}`, {
        token,
      });
      expect(ownRecord.status).toBe(200);
      const own = await http.call('PUT', `/v1/tenants/${TENANT}/members/${nurseA}/availability`, {
        token,
        body: availability,
        headers: { 'if-match': ownRecord.headers.get('etag')! },
      });
      expect(own.status).toBe(200);
      expect(await writes()).not.toBe(before);
    });

    it('a scheduler client outside rota jobs', async () => {
      const token = await http.token({ subject: 'rota-bot', tenants: { [TENANT]: ['scheduler'] } });
      const response = await http.call('GET', `/v1/tenants/${TENANT}/me`, { token });
      expect(response.status).toBe(403);
      expect(response.body.detail).toMatch(/scheduler client may only trigger and read rota jobs/);
    });
  });

  it('answers a malformed body with a problem+json 400 naming the fields, and writes nothing', async () => {
    const before = await writes();
    const response = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: { ...nurse(), identifierValue: '99700218897', communes: 'Valence', unexpected: true },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['communes', 'unexpected']));
    expect(await writes()).toBe(before);
  });

  it('returns the first result to an idempotent retry and registers the member once; the same key with another body is a 422', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM membership.members');
    const body = nurse({ identifierValue: '80000000002', lastName: 'Bernard' });
    const headers = { 'idempotency-key': '6f1c1c53-2f0e-4a43-a1a8-1b8f8f0a2d11' };
    const first = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    const retry = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body,
      headers,
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const after = await db.query('SELECT count(*)::int AS n FROM membership.members');
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    const changed = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: coordinator,
      body: { ...body, firstName: 'Autre' },
      headers,
    });
    expect(changed.status).toBe(422);
    expect(changed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // another client may use the same key for its own request
    const other = await http.token({
      subject: 'coordinator-a2',
      tenants: { [TENANT]: ['coordinator'] },
    });
    const theirs = await http.call('POST', `/v1/tenants/${TENANT}/members`, {
      token: other,
      body: nurse({ identifierValue: '80000000010' }),
      headers,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.memberId).not.toBe(first.body.memberId);
  });
});
