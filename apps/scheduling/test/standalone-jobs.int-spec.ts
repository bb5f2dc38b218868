import {
  CreateRotaJob,
  CreateSite,
  DeclareVaccinationSession,
  GetRotaJob,
  GetRota,
  JobViewV1,
  Reply,
  RequestContextV1,
  RotaViewV1,
  SiteViewV1,
} from '@maillage/contracts';
import { InProcessHub, InProcessTransport } from '@maillage/messaging';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { SchedulingModule } from '../src/scheduling.module';

/** Standalone mode: no JetStream, the rota job runs in process on the same queue contract. */
describe('scheduling rota jobs in standalone mode', () => {
  let service: RunningService;
  let transport: InProcessTransport;
  let db: Client;
  const context: RequestContextV1 = {
    tenantId: 'cpts-solo',
    correlationId: 'test',
    actor: { subject: 'coordinator', roles: ['coordinator'] },
  };
  const ask = async <T>(subject: string, body: object): Promise<T> => {
    const reply: Reply = await transport.request(subject, { context, body }, 10_000);
    if (!reply.ok) throw new Error(JSON.stringify(reply.problem));
    return reply.value as T;
  };

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const hub = new InProcessHub();
    transport = new InProcessTransport(hub);
    service = await startService({
      databaseUrl,
      prefix: createTestPrefix(),
      transport,
      module: (r) => SchedulingModule.register(r, 'warn'),
    });
    hub.open();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const everyDay = {
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      exceptions: [],
    };
    for (const [profession, skills] of [
      ['doctor', []],
      ['nurse', [{ code: 'can-vaccinate' }]],
    ] as const) {
      await db.query(
        `INSERT INTO scheduling.staff_members (tenant_id, member_id, display_name, profession, specialty, skills, communes, status, availability, source, active, updated_at)
         VALUES ('cpts-solo', $1, $2, $3, NULL, $4, '{}', 'active', $5, 'member', true, now())`,
        [
          randomUUID(),
          `Solo ${profession}`,
          profession,
          JSON.stringify(skills),
          JSON.stringify(everyDay),
        ],
      );
    }
  });

  afterAll(async () => {
    await db?.end();
    await service?.stop();
  });

  it('queues, solves and stores the draft without a broker', async () => {
    const site = await ask<SiteViewV1>(CreateSite.subject, {
      kind: 'vaccination-centre',
      name: 'Salle des fêtes',
      operator: 'CPTS',
      lines: [{ name: 'L1', boxes: 4 }],
      openingHours: [{ weekday: 5, start: '08:00', end: '13:00' }],
    });
    await ask(DeclareVaccinationSession.subject, {
      siteId: site.siteId,
      line: 'L1',
      date: '2027-03-05',
      start: '08:00',
      end: '13:00',
      doses: 30,
    });
    const job = await ask<JobViewV1>(CreateRotaJob.subject, {
      siteIds: [site.siteId],
      periodStart: '2027-03-05',
      periodEnd: '2027-03-05',
      timeLimitSeconds: 1,
    });
    let done: JobViewV1 = job;
    await waitFor(
      async () => {
        done = await ask<JobViewV1>(GetRotaJob.subject, { jobId: job.jobId });
        return done.state === 'succeeded';
      },
      20_000,
      'the rota job to succeed in process',
    );
    const rotaId = done.resultLocation!.split('/').pop()!;
    const rota = await ask<RotaViewV1>(GetRota.subject, { rotaId });
    expect(rota.shifts).toHaveLength(1);
    expect(rota.shifts[0].assignees.map((a) => a.role).sort()).toEqual(['doctor', 'nurse']);
  });
});
