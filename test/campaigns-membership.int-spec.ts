import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { CampaignsModule } from '../apps/campaigns/src/campaigns.module';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient, nurse, openTenant } from './fixtures';

/**
 * Campaigns fed by the real membership service: the territory comes from the
 * tenant membership opens (and changes), the members from its registrations.
 */
describe('campaigns with membership, distributed mode', () => {
  const TENANT = 'cpts-sud-valence';
  let databaseUrl: string;
  let services: RunningService[] = [];
  let gateway: RunningService;
  let http: HttpClient;
  let db: Client;
  let coordinator: string;
  let operator: string;
  const base = `/v1/tenants/${TENANT}`;
  const count = async (sql: string): Promise<number> =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0].n);
  const campaign = (communes: string[]) => ({
    title: 'Vaccination antigrippale 2026',
    theme: 'seasonal-vaccination',
    aciMission: 'prevention',
    target: { ageMin: 65, communes },
    periodStart: '2026-10-01',
    periodEnd: '2027-01-31',
    objectives: [{ indicator: 'participants', target: 500 }],
  });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    services = [
      await startService({
        databaseUrl,
        prefix,
        module: (r) => MembershipModule.register(r, 'warn'),
      }),
      await startService({
        databaseUrl,
        prefix,
        module: (r) => CampaignsModule.register(r, 'warn'),
      }),
      await startService({
        databaseUrl,
        prefix,
        module: (r) => SchedulingModule.register(r, 'warn'),
      }),
    ];
    gateway = await startService({
      databaseUrl,
      prefix,
      listen: true,
      module: (r) => GatewayModule.register(r, { devIssuerEnabled: true }, 'warn'),
      configure: (app) => configureGatewayHttp(app),
    });
    http = httpClient(await gateway.app.getUrl());
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    coordinator = await http.token({
      subject: 'coordinator-1',
      tenants: { [TENANT]: ['coordinator'] },
    });
    operator = await http.token({ subject: 'operator-1', operator: true });
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    for (const service of services.reverse()) await service.stop();
  });

  it('plans on the territory membership announced, and follows it when the territory changes', async () => {
    await openTenant(http, TENANT, { communes: ['26362', '26252'] });
    await waitFor(
      async () => (await count(`"campaigns".tenants`)) === 1,
      15_000,
      'the territory in campaigns',
    );

    const before = await count(`"campaigns".campaigns`);
    const outside = await http.call('POST', `${base}/campaigns`, {
      token: coordinator,
      body: campaign(['26362', '26057']),
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([
      { field: 'target.communes[1]', reason: 'commune 26057 is outside the territory of the CPTS' },
    ]);
    expect(await count(`"campaigns".campaigns`)).toBe(before);

    const changed = await http.call('PATCH', base, {
      token: operator,
      body: { communes: ['26362', '26252', '26057'] },
    });
    expect(changed.status).toBe(200);
    await waitFor(
      async () =>
        (await db.query(`SELECT communes FROM "campaigns".tenants`)).rows[0].communes.length === 3,
      15_000,
      'the new territory in campaigns',
    );
    const inside = await http.call('POST', `${base}/campaigns`, {
      token: coordinator,
      body: campaign(['26362', '26057']),
    });
    expect(inside.status).toBe(201);
  });

  it('a member registered in membership can sign up and is reached by announcements', async () => {
    const registered = await http.call('POST', `${base}/members`, {
      token: coordinator,
      body: nurse(),
    });
    expect(registered.status).toBe(201);
    const memberId = registered.body.memberId as string;
    await waitFor(
      async () => (await count(`"campaigns".members WHERE member_id = '${memberId}'`)) === 1,
      15_000,
      'the member in campaigns',
    );
    const created = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: campaign(['26362']),
      })
    ).body;
    const claire = await http.token({
      subject: 'claire',
      tenants: { [TENANT]: ['member'] },
      memberId,
    });
    const signedUp = await http.call('POST', `${base}/campaigns/${created.campaignId}/volunteers`, {
      token: claire,
      body: { source: 'member' },
    });
    expect(signedUp.status).toBe(201);
    expect(signedUp.body).toMatchObject({
      memberId,
      displayName: 'Claire Martin',
      profession: 'nurse',
    });

    const announced = await http.call(
      'POST',
      `${base}/campaigns/${created.campaignId}/announcements`,
      {
        token: coordinator,
        body: {
          subject: 'Campagne de vaccination',
          body: 'Les créneaux sont ouverts.',
          audience: { professions: ['nurse'], skills: ['can-vaccinate'] },
        },
      },
    );
    expect(announced.status).toBe(201);
    expect(announced.body.recipients).toEqual([{ memberId, displayName: 'Claire Martin' }]);
  });

  it('a moved session still waiting for staff is asked for at its new time in scheduling', async () => {
    const created = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: campaign(['26362']),
      })
    ).body;
    const planned = await http.call('POST', `${base}/campaigns/${created.campaignId}/sessions`, {
      token: coordinator,
      body: {
        title: 'Vaccination en pharmacie',
        format: 'screening-day',
        place: { kind: 'pharmacy', label: 'Pharmacie des Baumes', commune: '26362' },
        startsAt: '2026-10-20T09:00:00+02:00',
        endsAt: '2026-10-20T12:00:00+02:00',
        capacity: 30,
        staffingNeeds: [{ profession: 'nurse', skill: 'can-vaccinate', count: 1 }],
      },
    });
    expect(planned.status).toBe(201);
    const request = `${base}/staffing-requests/${planned.body.staffingRequestId}`;
    await waitFor(
      async () => (await http.call('GET', request, { token: coordinator })).status === 200,
      15_000,
      'the request',
    );
    await http.call(
      'POST',
      `${base}/campaigns/${created.campaignId}/sessions/${planned.body.sessionId}/move`,
      {
        token: coordinator,
        body: { startsAt: '2026-10-22T14:00:00+02:00', endsAt: '2026-10-22T17:00:00+02:00' },
      },
    );
    await waitFor(
      async () =>
        (await http.call('GET', request, { token: coordinator })).body.startsAt ===
        '2026-10-22T12:00:00.000Z',
      15_000,
      'the request to move',
    );
  });
});
