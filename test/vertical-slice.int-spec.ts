import { createTestDatabase, createTestPrefix, RunningService, startService, waitFor } from '@maillage/testing';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { HttpClient, nurse } from './fixtures';
import { startFrontDoor } from './front-door';

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
    scheduling = await startService({ databaseUrl, prefix, module: (r) => SchedulingModule.register(r, 'warn') });
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [['cpts-sud-valence'], ['cpts-a'], ['cpts-b']],
    }));
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
