import { loadConfig } from '@maillage/config';
import { FakeOidcProvider, signingKey, SigningKey } from '../../test/oidc-provider';
import { GatewayConfig } from '../gateway.config';
import { IssuerUnavailableError } from './oidc-issuer';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

describe('TokenVerifier with Pro Santé Connect claims', () => {
  const provider = new FakeOidcProvider();
  let key: SigningKey;

  beforeAll(async () => {
    await provider.start();
    key = await signingKey('k1');
    provider.published = [key];
  });

  afterAll(() => provider.stop());

  const verifier = (sandbox: boolean, issuer?: string) =>
    new TokenVerifier({
      oidc: {
        issuer,
        discoveryUrl: provider.discoveryUrl,
        audience: 'maillage-api',
        claimMapping: 'pro-sante-connect',
        sandbox,
      },
    });

  it('reads RPPS from 8 + RPPS and ADELI from 0 + ADELI, and no tenant or operator claim', async () => {
    const rpps = await verifier(false, provider.issuer).verify(
      await provider.token(key, {
        subjectNameId: '899700218896',
        extra: { maillage_operator: true, maillage_tenants: { x: ['coordinator'] } },
      }),
    );
    expect(rpps).toMatchObject({
      nationalId: { kind: 'RPPS', value: '99700218896' },
      operator: false,
      tenants: {},
    });
    const adeli = await verifier(false, provider.issuer).verify(
      await provider.token(key, { subjectNameId: '0261234567' }),
    );
    expect(adeli.nationalId).toEqual({ kind: 'ADELI', value: '261234567' });
  });

  it('accepts sandbox identities only from a sandbox issuer', async () => {
    const token = await provider.token(key, { subjectNameId: 'ANS20231122132732' });
    await expect(verifier(false, provider.issuer).verify(token)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    expect((await verifier(true, provider.issuer).verify(token)).nationalId).toEqual({
      kind: 'SANDBOX',
      value: 'ANS20231122132732',
    });
  });

  it('refuses a token without SubjectNameID', async () => {
    await expect(
      verifier(false, provider.issuer).verify(await provider.token(key, {})),
    ).rejects.toThrow(/SubjectNameID/);
  });

  it('takes the issuer from the discovery document when none is configured, and refuses a document naming another issuer', async () => {
    const principal = await verifier(false).verify(
      await provider.token(key, { subjectNameId: '899700218896' }),
    );
    expect(principal.issuer).toBe(provider.issuer);
    await expect(
      verifier(false, 'https://elsewhere.example').verify(
        await provider.token(key, { subjectNameId: '899700218896' }),
      ),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    const mismatched = new TokenVerifier({
      oidc: {
        issuer: 'https://elsewhere.example',
        discoveryUrl: provider.discoveryUrl,
        claimMapping: 'pro-sante-connect',
      },
    });
    await expect(
      mismatched.verify(
        await provider.token(key, {
          subjectNameId: '899700218896',
          issuer: 'https://elsewhere.example',
        }),
      ),
    ).rejects.toBeInstanceOf(IssuerUnavailableError);
  });
});

describe('GatewayConfig', () => {
  it('keeps the dev issuer off unless asked, and reads the Pro Santé Connect settings', () => {
    const base = { DATABASE_URL: 'postgres://u@h/db', NATS_URL: 'nats://h:4222' };
    expect(loadConfig(GatewayConfig, base).AUTH_DEV_ISSUER_ENABLED).toBe(false);
    const psc = loadConfig(GatewayConfig, {
      ...base,
      AUTH_ISSUER: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet',
      AUTH_DISCOVERY_URL:
        'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet/.well-known/wallet-openid-configuration',
      AUTH_CLAIM_MAPPING: 'pro-sante-connect',
      RATE_LIMIT: '0',
    });
    expect(psc).toMatchObject({
      AUTH_CLAIM_MAPPING: 'pro-sante-connect',
      AUTH_NATIONAL_ID_CLAIM: 'SubjectNameID',
      RATE_LIMIT: 0,
    });
    expect(() => loadConfig(GatewayConfig, { ...base, AUTH_CLAIM_MAPPING: 'saml' })).toThrow(
      /AUTH_CLAIM_MAPPING/,
    );
  });
});

describe('TokenVerifier when the provider is down', () => {
  it('answers "unavailable" (503) for its tokens, and still verifies the dev issuer\'s', async () => {
    const { DevIssuer } = await import('./dev-issuer');
    const devIssuer = await DevIssuer.create();
    const verifier = new TokenVerifier({
      oidc: {
        discoveryUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
        discoveryTimeoutMs: 500,
      },
      devIssuer,
    });
    const dev = await verifier.verify(
      await devIssuer.mint({ subject: 'coordinator', tenants: { a: ['coordinator'] } }),
    );
    expect(dev.tenants).toEqual({ a: ['coordinator'] });
    const provider = new FakeOidcProvider();
    await provider.start();
    const key = await signingKey('k');
    const foreign = await provider.token(key, { subjectNameId: '899700218896' });
    await provider.stop();
    await expect(verifier.verify(foreign)).rejects.toBeInstanceOf(IssuerUnavailableError);
  });
});
