import { createTestDatabase, createTestPrefix, RunningService, startService, waitFor } from '@maillage/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient, nurse, openTenant } from './fixtures';

/**
 * The first slice in distributed mode: three Nest apps in this process, each
 * with its own JetStream connection, on real PostgreSQL and NATS.
 */
describe('vertical slice, distributed mode', () => {
  let databaseUrl: string;
  let prefix: string;
  let membership: RunningService;
  let scheduling: RunningService;
  let gateway: RunningService;
  let http: HttpClient;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    prefix = createTestPrefix();
    membership = await startService({ databaseUrl, prefix, module: (r) => MembershipModule.register(r, 'warn') });
    scheduling = await startService({ databaseUrl, prefix, module: (r) => SchedulingModule.register(r, 'warn') });
    gateway = await startService({
      databaseUrl,
      prefix,
      listen: true,
      module: (r) => GatewayModule.register(r, { devIssuerEnabled: true }, 'warn'),
      configure: (app) => configureGatewayHttp(app),
    });
    http = httpClient(await gateway.app.getUrl());
    for (const tenantId of ['cpts-sud-valence', 'cpts-a', 'cpts-b']) await openTenant(http, tenantId);
  });

  afterAll(async () => {
    await gateway?.stop();
    await scheduling?.stop();
    await membership?.stop();
  });

  it('registers a professional through the gateway and reads them back from the staff pool of scheduling', async () => {
    const token = await http.token({ subject: 'coordinator-1', tenants: { 'cpts-sud-valence': ['coordinator'] } });
    const created = await http.call('POST', '/v1/tenants/cpts-sud-valence/members', { token, body: nurse() });
    expect(created.status).toBe(201);
    const memberId = created.body.memberId as string;

    let staff: { status: number; body: any } = { status: 0, body: undefined };
    await waitFor(async () => {
      staff = await http.call('GET', `/v1/tenants/cpts-sud-valence/staff/${memberId}`, { token });
      return staff.status === 200;
    }, 10_000, 'the staff entry in scheduling');
    expect(staff.body).toMatchObject({
      memberId,
      displayName: 'Claire Martin',
      profession: 'nurse',
      skills: [{ code: 'can-vaccinate', trainedOn: '2024-09-15' }],
      source: 'member',
      active: true,
    });
  });

  it('keeps tenants apart: the staff entry is not visible from another CPTS', async () => {
    const token = await http.token({ subject: 'coordinator-1', tenants: { 'cpts-a': ['coordinator'], 'cpts-b': ['coordinator'] } });
    const created = await http.call('POST', '/v1/tenants/cpts-a/members', { token, body: nurse({ identifierValue: '99700218896' }) });
    expect(created.status).toBe(201);
    await membership.outboxDrained();
    await waitFor(async () => (await http.call('GET', `/v1/tenants/cpts-a/staff/${created.body.memberId}`, { token })).status === 200, 10_000, 'staff in cpts-a');
    const other = await http.call('GET', `/v1/tenants/cpts-b/staff/${created.body.memberId}`, { token });
    expect(other.status).toBe(404);
  });

  it('answers /health and /health/ready with PostgreSQL and NATS up', async () => {
    expect((await http.call('GET', '/health')).status).toBe(200);
    const ready = await http.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', broker: 'up (jetstream)' });
  });
});
