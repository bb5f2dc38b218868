import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  MemberAvailabilityChanged,
  MemberErased,
  MemberLeft,
  SessionCancelled,
  SessionStaffingRequested,
} from '@maillage/contracts';
import { createEnvelope } from '@maillage/messaging';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { HttpClient } from './fixtures';
import { startFrontDoor } from './front-door';

/**
 * The scheduling service through the gateway, in distributed mode: two
 * scheduling replicas on the same database and stream prefix share the rota
 * job queue; real PostgreSQL and NATS.
 */
const TENANT = 'cpts-rota-test';
const OTHER = 'cpts-other';
// Monday 1, Tuesday 2 (SNP mornings), Wednesday 3 March 2027 (vaccination)
const D0 = '2027-03-01';
const D2 = '2027-03-03';

const everyDay = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  exceptions: [],
};

describe('scheduling: rota jobs, publication, repair, call-outs, swaps, calendars', () => {
  let databaseUrl: string;
  let prefix: string;
  let replicas: RunningService[];
  let gateway: RunningService;
  let membership: RunningService;
  let http: HttpClient;
  let db: Client;
  let coordinator: string;
  let vaccinationSite: string;
  let snpSite: string;
  const doctors = Array.from({ length: 4 }, () => randomUUID());
  const nurses = Array.from({ length: 23 }, () => randomUUID());
  const untrainedNurse = randomUUID();
  const staffingRequestId = randomUUID();
  let rotaId: string;
  let rota: any;

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query(sql, params)).rows[0].n);
  const outboxCount = (subject?: string) =>
    count(
      `SELECT count(*) AS n FROM scheduling.outbox WHERE tenant_id = $1 ${subject ? 'AND subject = $2' : ''}`,
      subject ? [TENANT, subject] : [TENANT],
    );
  const memberToken = (memberId: string) =>
    http.token({ subject: `member-${memberId}`, tenants: { [TENANT]: ['member'] }, memberId });
  const vaccinationShift = () => rota.shifts.find((s: any) => s.kind === 'vaccination');
  /** RFC 5545 folds lines at 75 octets: unfold before reading. */
  const ics = async (path: string): Promise<string> => {
    const response = await http.call('GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    return String(response.body).replace(/\r\n[ \t]/g, '');
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    prefix = createTestPrefix();
    replicas = [];
    for (let i = 0; i < 2; i++)
      replicas.push(
        await startService({
          databaseUrl,
          prefix,
          module: (r) => SchedulingModule.register(r, 'warn'),
        }),
      );
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [[TENANT], [OTHER]],
    }));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // the staff pool as membership's events leave it (its projection has its own tests)
    const insert = (
      memberId: string,
      name: string,
      profession: string,
      skills: string[],
      availability: object,
    ) =>
      db.query(
        `INSERT INTO scheduling.staff_members (tenant_id, member_id, display_name, profession, specialty, skills, communes, status, availability, source, active, updated_at)
         VALUES ($1, $2, $3, $4, NULL, $5, '{26362}', 'active', $6, 'member', true, now())`,
        [
          TENANT,
          memberId,
          name,
          profession,
          JSON.stringify(skills.map((code) => ({ code }))),
          JSON.stringify(availability),
        ],
      );
    // one shift each over the period: the four doctors fill the four doctor positions exactly
    for (const [i, id] of doctors.entries())
      await insert(id, `Dr Médecin ${i + 1}`, 'doctor', [], { ...everyDay, monthlyShiftCap: 1 });
    for (const [i, id] of nurses.entries())
      await insert(
        id,
        `Infirmière ${String(i + 1).padStart(2, '0')}`,
        'nurse',
        ['can-vaccinate'],
        everyDay,
      );
    await insert(untrainedNurse, 'Infirmier sans formation', 'nurse', [], everyDay);
    coordinator = await http.token({
      subject: 'coordinator-1',
      tenants: { [TENANT]: ['coordinator'], [OTHER]: ['coordinator'] },
    });
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    await membership?.stop();
    for (const replica of replicas ?? []) await replica.stop();
  });

  it('creates a vaccination centre with dose supply and an SNP sector', async () => {
    const centre = await http.call('POST', `/v1/tenants/${TENANT}/sites`, {
      token: coordinator,
      body: {
        kind: 'vaccination-centre',
        name: 'Parc expo',
        commune: '26362',
        operator: 'CPTS Sud-Valence',
        lines: [{ name: 'Ligne 1', boxes: 2 }],
        openingHours: [3].map((weekday) => ({ weekday, start: '08:00', end: '13:00' })),
      },
    });
    expect(centre.status).toBe(201);
    vaccinationSite = centre.body.siteId;
    // 70 doses over 5 h at 7 an hour per box: 2 boxes, each a doctor + a nurse
    const session = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/sites/${vaccinationSite}/vaccination-sessions`,
      {
        token: coordinator,
        body: { line: 'Ligne 1', date: D2, start: '08:00', end: '13:00', doses: 70 },
      },
    );
    expect(session.status).toBe(201);
    expect(session.body.boxes).toBe(2);
    const closed = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/sites/${vaccinationSite}/vaccination-sessions`,
      {
        token: coordinator,
        body: { line: 'Ligne 1', date: D2, start: '14:00', end: '18:00', doses: 70 },
      },
    );
    expect(closed.status).toBe(400);
    expect(closed.body.errors[0].field).toBe('start');

    const sector = await http.call('POST', `/v1/tenants/${TENANT}/sites`, {
      token: coordinator,
      body: {
        kind: 'snp-sector',
        name: 'Secteur Nord',
        operator: 'CPTS Sud-Valence',
        bands: [{ band: 'morning', start: '08:00', end: '12:00', doctors: 1, weekdays: [1, 2] }],
      },
    });
    expect(sector.status).toBe(201);
    snpSite = sector.body.siteId;

    const handedOver = await http.call(
      'PUT',
      `/v1/tenants/${TENANT}/sites/${vaccinationSite}/operator`,
      {
        token: coordinator,
        body: { operator: 'SDIS 26', from: '2099-01-01' },
      },
    );
    expect(handedOver.status).toBe(200);
    expect(handedOver.body.operators.map((o: any) => o.operator)).toEqual([
      'CPTS Sud-Valence',
      'SDIS 26',
    ]);
  });

  it('refuses a period that ends before it starts and a site of another CPTS, writing nothing', async () => {
    const other = await http.call('POST', `/v1/tenants/${OTHER}/sites`, {
      token: coordinator,
      body: {
        kind: 'snp-sector',
        name: 'Ailleurs',
        operator: 'CPTS Autre',
        bands: [{ band: 'morning', start: '08:00', end: '12:00', doctors: 1 }],
      },
    });
    expect(other.status).toBe(201);
    const jobsBefore = await count(`SELECT count(*) AS n FROM scheduling.rota_jobs`);
    const outboxBefore = await outboxCount();

    const backwards = await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs`, {
      token: coordinator,
      body: { siteIds: [vaccinationSite], periodStart: D2, periodEnd: D0 },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([
      { field: 'periodEnd', reason: 'must not be before periodStart' },
    ]);

    const foreign = await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs`, {
      token: coordinator,
      body: { siteIds: [vaccinationSite, other.body.siteId], periodStart: D0, periodEnd: D2 },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      { field: 'siteIds[1]', reason: 'no such site in this CPTS' },
    ]);

    expect(await count(`SELECT count(*) AS n FROM scheduling.rota_jobs`)).toBe(jobsBefore);
    expect(await outboxCount()).toBe(outboxBefore);
  });

  it('lets a scheduler client trigger and read rota jobs but nothing else', async () => {
    const scheduler = await http.token({
      subject: 'nightly-scheduler',
      tenants: { [TENANT]: ['scheduler'] },
    });
    expect(
      (await http.call('GET', `/v1/tenants/${TENANT}/sites`, { token: scheduler })).status,
    ).toBe(403);
    expect(
      (
        await http.call('GET', `/v1/tenants/${TENANT}/rota-jobs/${randomUUID()}`, {
          token: scheduler,
        })
      ).status,
    ).toBe(404);
  });

  it("records a campaign session's staffing request, which becomes a need of the next rota", async () => {
    const requested = createEnvelope(
      SessionStaffingRequested,
      {
        requestId: staffingRequestId,
        tenantId: TENANT,
        campaignId: randomUUID(),
        sessionId: randomUUID(),
        title: 'Dépistage ICOPE — Beaumont',
        place: { kind: 'village-hall', label: 'Salle des fêtes', commune: '26037' },
        startsAt: '2027-03-02T09:00:00+01:00',
        endsAt: '2027-03-02T12:30:00+01:00',
        needs: [{ profession: 'nurse', count: 1 }],
      },
      { tenantId: TENANT, correlationId: 'staffing-test' },
    );
    await replicas[1].transport.publish(requested);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.staffing_requests WHERE request_id = $1`,
          [staffingRequestId],
        )) === 1,
      15_000,
      'the staffing request in scheduling',
    );
  });

  it('shares rota jobs between two replicas: each job runs once and yields one draft', async () => {
    const scheduler = await http.token({
      subject: 'nightly-scheduler',
      tenants: { [TENANT]: ['scheduler'] },
    });
    const jobs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const accepted = await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs`, {
        token: i === 0 ? coordinator : scheduler,
        body: {
          siteIds: [vaccinationSite, snpSite],
          periodStart: D0,
          periodEnd: D2,
          timeLimitSeconds: 1,
          seed: i + 1,
        },
      });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('location')).toBe(
        `/v1/tenants/${TENANT}/rota-jobs/${accepted.body.jobId}`,
      );
      expect(accepted.body.state).toBe('queued');
      jobs.push(accepted.body.jobId);
    }
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.rota_jobs WHERE state = 'succeeded'`,
        )) === 4,
      40_000,
      'four rota jobs to succeed',
    );
    const runners = await db.query(`SELECT DISTINCT runner FROM scheduling.rota_jobs`);
    expect(runners.rows).toHaveLength(2);
    expect(await count(`SELECT count(*) AS n FROM scheduling.rota_jobs WHERE attempts <> 1`)).toBe(
      0,
    );
    expect(await count(`SELECT count(*) AS n FROM scheduling.rotas`)).toBe(4);
    expect(await outboxCount('scheduling.rota.generated.v1')).toBe(4);
    expect(await outboxCount('scheduling.rota.progress.v1')).toBeGreaterThan(0);

    const job = await http.call('GET', `/v1/tenants/${TENANT}/rota-jobs/${jobs[0]}`, {
      token: coordinator,
    });
    expect(job.body.state).toBe('succeeded');
    const read = await http.call('GET', job.body.resultLocation, { token: coordinator });
    expect(read.status).toBe(200);
    rota = read.body;
    rotaId = rota.rotaId;
    expect(rota.status).toBe('draft');
    expect(rota.hard).toBe(0);
    // vaccination Wednesday (2 doctors + 2 nurses), SNP Monday and Tuesday (1 doctor each),
    // the campaign session Tuesday morning (1 nurse): all filled
    expect(rota.shifts).toHaveLength(4);
    const campaign = rota.shifts.find((s: any) => s.kind === 'campaign');
    expect(campaign).toMatchObject({
      staffingRequestId,
      label: 'Dépistage ICOPE — Beaumont',
      startsAt: '2027-03-02T09:00:00+01:00',
    });
    expect(campaign.assignees).toEqual([expect.objectContaining({ role: 'nurse' })]);
    expect(rota.shifts.flatMap((s: any) => s.unfilled)).toEqual([]);
    expect(vaccinationShift().assignees).toHaveLength(4);

    // the job's event stream ends with `done`
    const stream = await fetch(
      `${await gateway.app.getUrl()}/v1/tenants/${TENANT}/rota-jobs/${jobs[0]}/events`,
      { headers: { authorization: `Bearer ${coordinator}` } },
    );
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(await stream.text()).toContain('event: done');
  });

  it('cancels a running job: the solver stops and no draft is stored', async () => {
    const accepted = await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs`, {
      token: coordinator,
      body: {
        siteIds: [vaccinationSite, snpSite],
        periodStart: D0,
        periodEnd: D2,
        timeLimitSeconds: 30,
      },
    });
    const jobId = accepted.body.jobId;
    const progressOf = () =>
      count(
        `SELECT count(*) AS n FROM scheduling.outbox WHERE subject = 'scheduling.rota.progress.v1' AND envelope->'payload'->>'jobId' = $1`,
        [jobId],
      );
    await waitFor(async () => (await progressOf()) > 0, 15_000, 'the job to report progress');
    const cancelled = await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs/${jobId}/cancel`, {
      token: coordinator,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const settled = await progressOf();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await progressOf()).toBe(settled);
    expect(
      (await http.call('GET', `/v1/tenants/${TENANT}/rota-jobs/${jobId}`, { token: coordinator }))
        .body.state,
    ).toBe('cancelled');
    expect(
      await count(`SELECT count(*) AS n FROM scheduling.rotas WHERE job_id = $1`, [jobId]),
    ).toBe(0);
    expect(
      (
        await http.call('POST', `/v1/tenants/${TENANT}/rota-jobs/${jobId}/cancel`, {
          token: coordinator,
        })
      ).status,
    ).toBe(409);
  });

  it('runs a job whose queue message was lost: the sweep queues it again', async () => {
    const jobId = randomUUID();
    // the row committed, the enqueue never happened (a crash in between)
    await db.query(
      `INSERT INTO scheduling.rota_jobs (tenant_id, job_id, request, state, progress, created_at, updated_at)
       VALUES ($1, $2, $3, 'queued', '{"done": 0}', now() - interval '1 minute', now() - interval '1 minute')`,
      [
        TENANT,
        jobId,
        JSON.stringify({ siteIds: [snpSite], periodStart: D0, periodEnd: D0, timeLimitSeconds: 1 }),
      ],
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.rota_jobs WHERE job_id = $1 AND state = 'succeeded'`,
          [jobId],
        )) === 1,
      30_000,
      'the swept job to succeed',
    );
    expect(
      await count(`SELECT count(*) AS n FROM scheduling.rotas WHERE job_id = $1`, [jobId]),
    ).toBe(1);
  });

  it('refuses hand edits of a draft that name an unknown member or break a rule, writing nothing', async () => {
    const shift = vaccinationShift();
    const assignmentsBefore = await count(
      `SELECT count(*) AS n FROM scheduling.rota_assignments WHERE rota_id = $1`,
      [rotaId],
    );
    const outboxBefore = await outboxCount();
    const unknown = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/edits`, {
      token: coordinator,
      body: { type: 'assign', shiftId: shift.shiftId, memberId: randomUUID(), role: 'nurse' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'memberId', reason: 'no such member in the staff pool of this rota' },
    ]);
    const untrained = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/edits`, {
      token: coordinator,
      body: { type: 'assign', shiftId: shift.shiftId, memberId: untrainedNurse, role: 'nurse' },
    });
    expect(untrained.status).toBe(422);
    expect(untrained.body.errors.map((e: any) => e.field)).toContain('rule:qualification');
    expect(
      await count(`SELECT count(*) AS n FROM scheduling.rota_assignments WHERE rota_id = $1`, [
        rotaId,
      ]),
    ).toBe(assignmentsBefore);
    expect(await outboxCount()).toBe(outboxBefore);

    // a valid edit: take one nurse off, leaving a gap the call-out will fill
    const nurse = shift.assignees.find((a: any) => a.role === 'nurse');
    const edited = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/edits`, {
      token: coordinator,
      body: { type: 'unassign', shiftId: shift.shiftId, memberId: nurse.memberId, role: 'nurse' },
    });
    expect(edited.status).toBe(200);
    rota = edited.body;
    expect(vaccinationShift().unfilled).toEqual([
      expect.objectContaining({ role: 'nurse', missing: 1 }),
    ]);
  });

  it('publishes the draft and calls out its gap', async () => {
    const member = await memberToken(nurses[0]);
    expect(
      (await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: member })).status,
    ).toBe(404);
    const published = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/publish`, {
      token: coordinator,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', revision: 1 });
    rota = published.body;
    const event = await db.query(
      `SELECT envelope FROM scheduling.outbox WHERE subject = 'scheduling.rota.published.v1' AND envelope->'payload'->>'rotaId' = $1`,
      [rotaId],
    );
    expect(event.rows).toHaveLength(1);
    expect(event.rows[0].envelope.payload.revision).toBe(1);
    const forCampaign = event.rows[0].envelope.payload.shifts.filter(
      (s: any) => s.staffingRequestId === staffingRequestId,
    );
    expect(forCampaign).toEqual([
      expect.objectContaining({
        profession: 'nurse',
        headcount: 1,
        assignees: [expect.objectContaining({ memberId: expect.any(String) })],
      }),
    ]);
    const opened = await db.query(
      `SELECT envelope FROM scheduling.outbox WHERE subject = 'scheduling.shift.opened.v1'`,
    );
    expect(opened.rows).toHaveLength(1);
    expect(opened.rows[0].envelope.payload).toMatchObject({ rotaId, role: 'nurse', positions: 1 });
    // the nurses not on the shift (and trained) are the ones called
    expect(opened.rows[0].envelope.payload.eligibleMemberIds.length).toBe(22);
    expect(
      (await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: member })).status,
    ).toBe(200);
    expect(
      (await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/publish`, { token: member }))
        .status,
    ).toBe(403);
  });

  it('gives an open shift to exactly one of twenty members claiming at once', async () => {
    const list = await http.call('GET', `/v1/tenants/${TENANT}/open-shifts`, {
      token: coordinator,
    });
    expect(list.body.openShifts).toHaveLength(1);
    const openShiftId = list.body.openShifts[0].openShiftId;
    const onShift = new Set(vaccinationShift().assignees.map((a: any) => a.memberId));
    const claimants = nurses.filter((n) => !onShift.has(n)).slice(0, 20);
    expect(claimants).toHaveLength(20);
    const tokens = await Promise.all(claimants.map(memberToken));
    // the call-out reaches the trained nurses free that day, not the untrained one
    const seen = await http.call('GET', `/v1/tenants/${TENANT}/open-shifts`, { token: tokens[0] });
    expect(seen.body.openShifts.map((o: any) => o.openShiftId)).toEqual([openShiftId]);
    const notForThem = await http.call('GET', `/v1/tenants/${TENANT}/open-shifts`, {
      token: await memberToken(untrainedNurse),
    });
    expect(notForThem.body.openShifts).toEqual([]);
    // a member cannot claim for someone else
    expect(
      (
        await http.call('POST', `/v1/tenants/${TENANT}/open-shifts/${openShiftId}/claims`, {
          token: tokens[0],
          body: { memberId: claimants[1] },
        })
      ).status,
    ).toBe(403);
    const results = await Promise.all(
      claimants.map((memberId, i) =>
        http.call('POST', `/v1/tenants/${TENANT}/open-shifts/${openShiftId}/claims`, {
          token: tokens[i],
          body: { memberId },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = claimants[results.findIndex((r) => r.status === 200)];
    const after = await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, {
      token: coordinator,
    });
    rota = after.body;
    expect(rota.revision).toBe(2);
    expect(
      vaccinationShift()
        .assignees.filter((a: any) => a.role === 'nurse')
        .map((a: any) => a.memberId),
    ).toContain(winner);
    expect(vaccinationShift().unfilled).toEqual([]);
    expect(await outboxCount('scheduling.shift.claimed.v1')).toBe(1);
  });

  it('repairs the rota after a withdrawal, publishes the difference and updates the calendars', async () => {
    const shift = vaccinationShift();
    const leaving = shift.assignees.find((a: any) => a.role === 'nurse').memberId;
    const leavingToken = await memberToken(leaving);
    const memberFeed = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/members/${leaving}/calendar-feed`,
      { token: leavingToken },
    );
    expect(memberFeed.status).toBe(201);
    expect(
      // another nurse's feed: not the one the solver put on the shift
      (
        await http.call(
          'POST',
          `/v1/tenants/${TENANT}/members/${nurses.find((n) => n !== leaving)}/calendar-feed`,
          {
            token: leavingToken,
          },
        )
      ).status,
    ).toBe(403);
    const siteFeed = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/sites/${vaccinationSite}/calendar-feed`,
      { token: coordinator },
    );
    expect(siteFeed.status).toBe(201);

    const memberIcsBefore = await ics(memberFeed.body.path);
    expect(memberIcsBefore).toContain(`UID:${shift.shiftId}.${leaving}@maillage`);
    const siteIcsBefore = await ics(siteFeed.body.path);
    expect(siteIcsBefore).toContain(`UID:${shift.shiftId}@maillage`);
    expect(siteIcsBefore).toMatch(/SEQUENCE:2/);
    expect(
      (await http.call('GET', `/v1/tenants/${TENANT}/calendars/${'x'.repeat(43)}.ics`)).status,
    ).toBe(404);

    const withdrawn = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/withdrawals`, {
      token: leavingToken,
      body: { shiftId: shift.shiftId, memberId: leaving, reason: 'malade' },
    });
    expect(withdrawn.status).toBe(200);
    rota = withdrawn.body;
    expect(rota.revision).toBe(3);
    const nursesNow = vaccinationShift()
      .assignees.filter((a: any) => a.role === 'nurse')
      .map((a: any) => a.memberId);
    expect(nursesNow).toHaveLength(2);
    expect(nursesNow).not.toContain(leaving);
    const amended = await db.query(
      `SELECT envelope FROM scheduling.outbox WHERE subject = 'scheduling.rota.amended.v1' AND envelope->'payload'->>'cause' = 'withdrawal'`,
    );
    expect(amended.rows).toHaveLength(1);
    const diff = amended.rows[0].envelope.payload;
    expect(diff.removed).toEqual([
      expect.objectContaining({ memberId: leaving, shiftId: shift.shiftId, role: 'nurse' }),
    ]);
    expect(diff.added).toHaveLength(1);
    // minimal change: only the withdrawn nurse's place moved
    expect(diff.added[0]).toMatchObject({ shiftId: shift.shiftId, role: 'nurse' });

    const memberIcsAfter = await ics(memberFeed.body.path);
    expect(memberIcsAfter).not.toContain(`UID:${shift.shiftId}.${leaving}@maillage`);
    const siteIcsAfter = await ics(siteFeed.body.path);
    expect(siteIcsAfter).toMatch(/SEQUENCE:3/);
    expect(siteIcsAfter).not.toEqual(siteIcsBefore);
    const replacementFeed = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/members/${diff.added[0].memberId}/calendar-feed`,
      { token: coordinator },
    );
    expect(await ics(replacementFeed.body.path)).toContain(
      `UID:${shift.shiftId}.${diff.added[0].memberId}@maillage`,
    );

    // withdrawing someone who is not on the shift is refused and writes nothing
    const outboxBefore = await outboxCount();
    const notThere = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/withdrawals`, {
      token: coordinator,
      body: { shiftId: shift.shiftId, memberId: randomUUID() },
    });
    expect(notThere.status).toBe(404);
    expect(await outboxCount()).toBe(outboxBefore);
  });

  it('refuses a swap that breaks a rule and applies one that keeps the rota valid', async () => {
    const shift = vaccinationShift();
    const doctor = shift.assignees.find((a: any) => a.role === 'doctor').memberId;
    const nurse = shift.assignees.find((a: any) => a.role === 'nurse').memberId;
    const revisionBefore = rota.revision;
    const swapsBefore = await count(`SELECT count(*) AS n FROM scheduling.swaps`);
    const refused = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/swaps`, {
      token: await memberToken(doctor),
      body: {
        memberId: doctor,
        shiftId: shift.shiftId,
        withMemberId: nurse,
        withShiftId: shift.shiftId,
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: any) => e.field)).toContain('rule:qualification');
    expect(await count(`SELECT count(*) AS n FROM scheduling.swaps`)).toBe(swapsBefore);

    // the Monday and Tuesday SNP doctors exchange their mornings
    const snp = rota.shifts
      .filter((s: any) => s.kind === 'snp-morning')
      .sort((a: any, b: any) => a.startsAt.localeCompare(b.startsAt));
    const monday = snp[0].assignees[0].memberId;
    const tuesday = snp[1].assignees[0].memberId;
    const proposed = await http.call('POST', `/v1/tenants/${TENANT}/rotas/${rotaId}/swaps`, {
      token: await memberToken(monday),
      body: {
        memberId: monday,
        shiftId: snp[0].shiftId,
        withMemberId: tuesday,
        withShiftId: snp[1].shiftId,
      },
    });
    expect(proposed.status).toBe(201);
    expect(
      (
        await http.call('POST', `/v1/tenants/${TENANT}/swaps/${proposed.body.swapId}/accept`, {
          token: await memberToken(monday),
        })
      ).status,
    ).toBe(403);
    const accepted = await http.call(
      'POST',
      `/v1/tenants/${TENANT}/swaps/${proposed.body.swapId}/accept`,
      { token: await memberToken(tuesday) },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const after = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    expect(after.revision).toBe(revisionBefore + 1);
    const snpAfter = after.shifts
      .filter((s: any) => s.kind === 'snp-morning')
      .sort((a: any, b: any) => a.startsAt.localeCompare(b.startsAt));
    expect(snpAfter.map((s: any) => s.assignees[0].memberId)).toEqual([tuesday, monday]);
  });

  it('renders the rota as a page per site and per member', async () => {
    const page = await http.call(
      'GET',
      `/v1/tenants/${TENANT}/rotas/${rotaId}/sites/${vaccinationSite}/page`,
      { token: coordinator },
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Parc expo');
    expect(page.body).toContain('mer. 03/03');
    expect(page.body).toContain('08:00–13:00');
    const someone = vaccinationShift().assignees[0];
    expect(page.body).toContain(someone.displayName);
    const mine = await http.call(
      'GET',
      `/v1/tenants/${TENANT}/rotas/${rotaId}/members/${someone.memberId}/page`,
      { token: await memberToken(someone.memberId) },
    );
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('Mes gardes');
    expect(
      (
        await http.call(
          'GET',
          `/v1/tenants/${TENANT}/rotas/${rotaId}/members/${someone.memberId}/page`,
          { token: await memberToken(nurses[22]) },
        )
      ).status,
    ).toBe(403);
  });

  it("repairs the published rota when a member's availability shrinks (membership event)", async () => {
    const current = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    const shift = current.shifts.find((s: any) => s.kind === 'vaccination');
    const nurse = shift.assignees.find((a: any) => a.role === 'nurse').memberId;
    const envelope = createEnvelope(
      MemberAvailabilityChanged,
      {
        memberId: nurse,
        availability: { weekly: [{ weekday: 1, start: '08:00', end: '12:00' }], exceptions: [] },
        revision: 2,
      },
      { tenantId: TENANT, correlationId: 'availability-test' },
    );
    await replicas[0].transport.publish(envelope);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.outbox WHERE subject = 'scheduling.rota.amended.v1' AND envelope->'payload'->>'cause' = 'availability'`,
        )) === 1,
      15_000,
      'the availability repair',
    );
    const after = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    expect(after.revision).toBe(current.revision + 1);
    const nursesNow = after.shifts
      .find((s: any) => s.kind === 'vaccination')
      .assignees.filter((a: any) => a.role === 'nurse');
    expect(nursesNow).toHaveLength(2);
    expect(nursesNow.map((a: any) => a.memberId)).not.toContain(nurse);
  });

  it('repairs the published rota when a member leaves the CPTS (membership event)', async () => {
    const current = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    const nurse = current.shifts
      .find((s: any) => s.kind === 'vaccination')
      .assignees.find((a: any) => a.role === 'nurse').memberId;
    await replicas[1].transport.publish(
      createEnvelope(
        MemberLeft,
        { memberId: nurse, leftOn: D0, revision: 3 },
        { tenantId: TENANT, correlationId: 'left-test' },
      ),
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.outbox WHERE subject = 'scheduling.rota.amended.v1' AND envelope->'payload'->>'cause' = 'member-left'`,
        )) === 1,
      15_000,
      'the repair after leaving',
    );
    const after = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    const onShift = after.shifts
      .find((s: any) => s.kind === 'vaccination')
      .assignees.map((a: any) => a.memberId);
    expect(onShift).not.toContain(nurse);
    expect(onShift).toHaveLength(4);
  });

  it('forgets an erased member: repaired out of the running rota, name scrubbed from every rota kept', async () => {
    const current = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    const erased = current.shifts
      .find((s: any) => s.kind === 'vaccination')
      .assignees.find((a: any) => a.role === 'nurse');
    expect(
      await count(`SELECT count(*) AS n FROM scheduling.rotas WHERE problem::text LIKE $1`, [
        `%${erased.displayName}%`,
      ]),
    ).toBeGreaterThan(0);
    await replicas[0].transport.publish(
      createEnvelope(
        MemberErased,
        { memberId: erased.memberId, erasedAt: new Date().toISOString() },
        { tenantId: TENANT, correlationId: 'erasure-test' },
      ),
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.outbox WHERE subject = 'scheduling.rota.amended.v1' AND envelope->'payload'->>'cause' = 'member-erased'`,
        )) === 1,
      15_000,
      'the repair after erasure',
    );
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM scheduling.rotas WHERE problem::text LIKE $1`, [
          `%${erased.displayName}%`,
        ])) === 0,
      5_000,
      'the name to leave every rota',
    );
    const after = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    expect(
      after.shifts.find((s: any) => s.kind === 'vaccination').assignees.map((a: any) => a.memberId),
    ).not.toContain(erased.memberId);
  });

  it('drops the shift of a cancelled campaign session from the published rota', async () => {
    const before = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    const campaign = before.shifts.find((s: any) => s.staffingRequestId === staffingRequestId);
    expect(campaign).toBeDefined();
    await replicas[1].transport.publish(
      createEnvelope(
        SessionCancelled,
        {
          campaignId: randomUUID(),
          sessionId: randomUUID(),
          staffingRequestId,
          reason: 'salle indisponible',
          cancelledBy: 'coordinator',
          notified: [],
        },
        { tenantId: TENANT, correlationId: 'cancel-test' },
      ),
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.outbox WHERE subject = 'scheduling.rota.amended.v1' AND envelope->'payload'->>'cause' = 'session-cancelled'`,
        )) === 1,
      15_000,
      'the cancelled session to leave the rota',
    );
    const after = (
      await http.call('GET', `/v1/tenants/${TENANT}/rotas/${rotaId}`, { token: coordinator })
    ).body;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.shifts.map((s: any) => s.shiftId)).not.toContain(campaign.shiftId);
    expect(after.shifts).toHaveLength(before.shifts.length - 1);
    const published = await db.query(
      `SELECT envelope FROM scheduling.outbox WHERE subject = 'scheduling.rota.published.v1' AND (envelope->'payload'->>'revision')::int = $1`,
      [after.revision],
    );
    expect(
      published.rows[0].envelope.payload.shifts.some(
        (s: any) => s.staffingRequestId === staffingRequestId,
      ),
    ).toBe(false);
  });
});
