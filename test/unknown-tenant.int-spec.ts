import { Platform, startPlatform } from './isolation/platform';
import { openTenant } from './fixtures';

/**
 * A token may name any tenant: the identity provider's configuration is not
 * ours. The gateway admits a tenant route only for a CPTS membership keeps,
 * so that no service ever writes for a tenant that does not exist.
 */
describe('a tenant the platform does not know', () => {
  let platform: Platform;

  const centre = {
    kind: 'vaccination-centre',
    name: 'Parc expo',
    commune: '26362',
    operator: 'CPTS Sud-Valence',
    lines: [{ name: 'Ligne 1', boxes: 2 }],
    openingHours: [{ weekday: 3, start: '08:00', end: '13:00' }],
  };
  const sites = async (): Promise<number> =>
    (await platform.db.query('SELECT count(*)::int AS n FROM scheduling.sites')).rows[0].n;
  /** A token for a coordinator of each of these CPTS. */
  const coordinatorOf = (subject: string, ...tenants: string[]): Promise<string> =>
    platform.http.token({
      subject,
      tenants: Object.fromEntries(tenants.map((tenant) => [tenant, ['coordinator']])),
    });
  const createCentre = (tenant: string, token: string) =>
    platform.http.call('POST', `/v1/tenants/${tenant}/sites`, { token, body: centre });

  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers 404 on the routes of every service for a CPTS never opened, and writes nothing', async () => {
    const token = await coordinatorOf('coordinator@nowhere', 'cpts-nowhere');
    const created = await createCentre('cpts-nowhere', token);
    expect(created.status).toBe(404);
    expect(created.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(created.body.detail).toContain('cpts-nowhere');
    for (const path of ['/v1/tenants/cpts-nowhere/members', '/v1/tenants/cpts-nowhere/campaigns'])
      expect((await platform.http.call('GET', path, { token })).status).toBe(404);
    expect(await sites()).toBe(0);
  });

  it('answers 403, not 404, to a caller without a role in that tenant: existence is not disclosed', async () => {
    const token = await coordinatorOf('coordinator@elsewhere', 'cpts-elsewhere');
    expect(
      (await platform.http.call('GET', '/v1/tenants/cpts-nowhere/sites', { token })).status,
    ).toBe(403);
  });

  it('admits the same routes once an operator has opened the CPTS', async () => {
    await openTenant(platform.http, 'cpts-opened');
    const token = await coordinatorOf('coordinator@opened', 'cpts-opened');
    const created = await createCentre('cpts-opened', token);
    expect(created.status).toBe(201);
    expect(await sites()).toBe(1);
  });

  it('keeps serving a CPTS it knows while membership is down, and refuses one it never saw with 503', async () => {
    // membership is the first service of the platform
    await platform.services[0].stop();
    const token = await coordinatorOf('coordinator@opened', 'cpts-opened', 'cpts-unseen');
    expect(
      (await platform.http.call('GET', '/v1/tenants/cpts-opened/sites', { token })).status,
    ).toBe(200);
    const unseen = await createCentre('cpts-unseen', token);
    expect([503, 504]).toContain(unseen.status);
    expect(await sites()).toBe(1);
  });
});
