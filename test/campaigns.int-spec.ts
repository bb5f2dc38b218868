import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import {
  CreateCampaign,
  EventContract,
  MemberRegistered,
  MemberRegisteredV1,
  SchedulingSessionChanged,
  TenantRegistered,
  TenantRegisteredV1,
} from '@maillage/contracts';
import { createEnvelope, JetStreamTransport } from '@maillage/messaging';
import {
  createTestDatabase,
  createTestPrefix,
  natsUrl,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { CampaignsModule } from '../apps/campaigns/src/campaigns.module';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { HttpClient } from './fixtures';
import { startFrontDoor } from './front-door';

/**
 * The campaigns service in distributed mode: campaigns, scheduling and the
 * gateway as three apps on real PostgreSQL and NATS. Membership's events (the
 * tenant and its territory, the members) are published on JetStream as
 * membership publishes them.
 */
const TENANT = 'cpts-sud-valence';
const VALENCE = '26362';
const BEAUMONT = '26037';
const PORTES = '26252';
const PARIS = '75056';

const member = (overrides: Partial<MemberRegisteredV1>): MemberRegisteredV1 => ({
  memberId: randomUUID(),
  lastName: 'Martin',
  firstName: 'Claire',
  profession: 'nurse',
  identifierKind: 'NONE',
  communes: [VALENCE],
  status: 'active',
  skills: [],
  // available every day from 07:00 to 21:00: the engine staffs only people available then
  availability: {
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '21:00' })),
    exceptions: [],
  },
  votingRights: true,
  ...overrides,
});

describe('campaigns, distributed mode', () => {
  let databaseUrl: string;
  let campaignsService: RunningService;
  let scheduling: RunningService;
  let gateway: RunningService;
  let membership: RunningService;
  let membershipWire: JetStreamTransport;
  let db: Client;
  let http: HttpClient;
  let coordinator: string;
  let baseUrl: string;

  const nurseIcope = member({
    lastName: 'Arnaud',
    firstName: 'Inès',
    skills: [{ code: 'icope-trained' }],
  });
  const nurse = member({ lastName: 'Bernard', firstName: 'Luc', communes: [BEAUMONT] });
  const gp = member({
    lastName: 'Chabert',
    firstName: 'Anne',
    profession: 'doctor',
    specialty: 'general-practice',
    skills: [{ code: 'icope-trained' }],
  });
  const pharmacist = member({
    lastName: 'Durand',
    firstName: 'Paul',
    profession: 'pharmacist',
    communes: [PORTES],
  });

  const publish = async <P extends object>(
    contract: EventContract<P>,
    payload: P,
  ): Promise<void> => {
    await membershipWire.publish(
      createEnvelope(contract, payload, {
        tenantId: TENANT,
        correlationId: `test-${randomUUID()}`,
      }),
    );
  };
  const count = async (sql: string): Promise<number> =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0].n);
  const outboxOf = async (subject: string): Promise<any[]> =>
    (
      await db.query<{ envelope: any }>(
        `SELECT envelope FROM "campaigns".outbox WHERE subject = $1 ORDER BY created_at`,
        [subject],
      )
    ).rows.map((r) => r.envelope);
  const base = `/v1/tenants/${TENANT}`;

  const icopeCampaign = (overrides: Record<string, unknown> = {}) => ({
    title: 'ICOPE automne 2026',
    theme: 'icope-frailty-screening',
    aciMission: 'prevention',
    target: { ageMin: 75, condition: 'frailty', communes: [VALENCE, BEAUMONT] },
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    objectives: [{ indicator: 'people-screened', target: 100 }],
    ownerName: 'Dr Anne Chabert',
    ...overrides,
  });
  const screeningDay = (overrides: Record<string, unknown> = {}) => ({
    title: 'Dépistage ICOPE — Beaumont',
    format: 'screening-day',
    place: {
      kind: 'village-hall',
      label: 'Salle des fêtes de Beaumont-lès-Valence',
      commune: BEAUMONT,
    },
    startsAt: '2026-10-15T09:00:00+02:00',
    endsAt: '2026-10-15T12:00:00+02:00',
    capacity: 40,
    staffingNeeds: [],
    ...overrides,
  });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    campaignsService = await startService({
      databaseUrl,
      prefix,
      module: (r) => CampaignsModule.register(r, 'warn'),
    });
    scheduling = await startService({
      databaseUrl,
      prefix,
      module: (r) => SchedulingModule.register(r, 'warn'),
    });
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [[TENANT, { communes: [VALENCE, BEAUMONT, PORTES] }]],
    }));
    baseUrl = await gateway.app.getUrl();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    membershipWire = new JetStreamTransport({ url: natsUrl(), prefix, name: 'membership-in-test' });
    await membershipWire.connect();
    coordinator = await http.token({
      subject: 'coordinator-1',
      tenants: { [TENANT]: ['coordinator'] },
    });

    const tenant: TenantRegisteredV1 = {
      tenantId: TENANT,
      name: 'CPTS Sud-Valence',
      legalForm: 'association',
      territory: [VALENCE, BEAUMONT, PORTES].map((code) => ({
        code,
        name: code,
        departmentCode: '26',
      })),
      departmentCodes: ['26'],
      epciCodes: ['200068781'],
      contact: { name: 'Coordination', email: 'coordination@cpts-sud-valence.example' },
      revision: 1,
    };
    await publish(TenantRegistered, tenant);
    for (const m of [nurseIcope, nurse, gp, pharmacist]) await publish(MemberRegistered, m);
    await waitFor(
      async () =>
        (await count(`"campaigns".tenants`)) === 1 && (await count(`"campaigns".members`)) === 4,
      15_000,
      'territory and members in campaigns',
    );
    await waitFor(
      async () => (await count(`"scheduling".staff_members WHERE active`)) === 4,
      15_000,
      'the staff pool of scheduling',
    );
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await membershipWire?.close();
    await gateway?.stop();
    await membership?.stop();
    await scheduling?.stop();
    await campaignsService?.stop();
  });

  it('opens a campaign on the territory, and refuses one reaching a commune outside it, writing nothing', async () => {
    const created = await http.call('POST', `${base}/campaigns`, {
      token: coordinator,
      body: icopeCampaign(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      theme: 'icope-frailty-screening',
      aciMission: 'prevention',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
    });
    expect(await outboxOf('campaigns.campaign.created.v1')).toHaveLength(1);

    const before = {
      campaigns: await count(`"campaigns".campaigns`),
      outbox: await count(`"campaigns".outbox`),
    };
    const refused = await http.call('POST', `${base}/campaigns`, {
      token: coordinator,
      body: icopeCampaign({ target: { communes: [VALENCE, PARIS] } }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'target.communes[1]', reason: 'commune 75056 is outside the territory of the CPTS' },
    ]);
    expect({
      campaigns: await count(`"campaigns".campaigns`),
      outbox: await count(`"campaigns".outbox`),
    }).toEqual(before);

    const listed = await http.call('GET', `${base}/campaigns`, { token: coordinator });
    expect(listed.body.campaigns.map((c: any) => c.campaignId)).toEqual([created.body.campaignId]);
  });

  it('refuses a session outside the campaign period, with a negative capacity or outside the territory, naming the field and writing nothing', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'refusals' }),
      })
    ).body;
    const before = {
      sessions: await count(`"campaigns".sessions`),
      outbox: await count(`"campaigns".outbox`),
    };
    const plan = (body: unknown) =>
      http.call('POST', `${base}/campaigns/${campaign.campaignId}/sessions`, {
        token: coordinator,
        body,
      });

    const early = await plan(
      screeningDay({ startsAt: '2026-09-30T09:00:00+02:00', endsAt: '2026-09-30T12:00:00+02:00' }),
    );
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toEqual({
      field: 'startsAt',
      reason:
        'the session starts on 2026-09-30, outside the campaign period 2026-10-01 – 2026-12-31',
    });

    const negative = await plan(screeningDay({ capacity: -1 }));
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([
      { field: 'capacity', reason: expect.stringContaining('capacity must not be less than 0') },
    ]);

    const paris = await plan(
      screeningDay({ place: { kind: 'pharmacy', label: 'Pharmacie du Louvre', commune: PARIS } }),
    );
    expect(paris.status).toBe(400);
    expect(paris.body.errors).toEqual([
      { field: 'place.commune', reason: 'commune 75056 is outside the territory of the CPTS' },
    ]);

    const rider = await plan(screeningDay({ format: 'vaccination-rider' }));
    expect(rider.status).toBe(400);
    expect(rider.body.errors[0]).toEqual({
      field: 'vaccinationSessionId',
      reason: 'a vaccination-rider session names the vaccination session it rides on',
    });

    const nobody = await plan(screeningDay({ staffingNeeds: [{ count: 2 }] }));
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors[0]).toEqual({
      field: 'staffingNeeds[0].profession',
      reason: 'a need names a profession, a skill or both',
    });

    expect({
      sessions: await count(`"campaigns".sessions`),
      outbox: await count(`"campaigns".outbox`),
    }).toEqual(before);
  });

  it('round trip: a session needing staff reaches scheduling, which rosters it; the campaign shows who was assigned', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'round trip' }),
      })
    ).body;
    const planned = await http.call('POST', `${base}/campaigns/${campaign.campaignId}/sessions`, {
      token: coordinator,
      body: screeningDay({
        staffingNeeds: [
          { profession: 'nurse', count: 2 },
          { skill: 'icope-trained', count: 1 },
        ],
      }),
    });
    expect(planned.status).toBe(201);
    const requestId = planned.body.staffingRequestId as string;
    expect(requestId).toBeDefined();
    const [requested] = (await outboxOf('campaigns.session.staffing-requested.v1')).filter(
      (e) => e.payload.requestId === requestId,
    );
    expect(requested.payload).toMatchObject({
      tenantId: TENANT,
      sessionId: planned.body.sessionId,
      place: { commune: BEAUMONT },
      startsAt: '2026-10-15T07:00:00.000Z',
      needs: [
        { profession: 'nurse', count: 2 },
        { skill: 'icope-trained', count: 1 },
      ],
    });

    let received: { status: number; body: any } = { status: 0, body: undefined };
    await waitFor(
      async () => {
        received = await http.call('GET', `${base}/staffing-requests/${requestId}`, {
          token: coordinator,
        });
        return received.status === 200;
      },
      15_000,
      'scheduling to receive the staffing request',
    );
    expect(received.body).toMatchObject({
      status: 'open',
      needed: 3,
      origin: `campaigns.session:${planned.body.sessionId}`,
    });

    const rostered = await http.call('POST', `${base}/staffing-requests/${requestId}/rota`, {
      token: coordinator,
    });
    expect(rostered.status).toBe(200);
    expect(rostered.body).toMatchObject({ status: 'rostered', assigned: 3 });

    let session: { status: number; body: any } = { status: 0, body: undefined };
    await waitFor(
      async () => {
        session = await http.call(
          'GET',
          `${base}/campaigns/${campaign.campaignId}/sessions/${planned.body.sessionId}`,
          { token: coordinator },
        );
        return session.body?.assignments?.length === 3;
      },
      15_000,
      'the published rota to reach the campaign',
    );
    expect(
      session.body.assignments.map((a: any) => [a.displayName, a.profession ?? a.skill]),
    ).toEqual(
      expect.arrayContaining([
        ['Inès Arnaud', 'nurse'],
        ['Luc Bernard', 'nurse'],
        ['Anne Chabert', 'icope-trained'],
      ]),
    );
    expect(new Set(session.body.assignments.map((a: any) => a.rotaId))).toEqual(
      new Set([rostered.body.rotaId]),
    );
  });

  it('moving and cancelling a session notifies those assigned and signed up, with events and notification records', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'moves' }),
      })
    ).body;
    const planned = (
      await http.call('POST', `${base}/campaigns/${campaign.campaignId}/sessions`, {
        token: coordinator,
        body: screeningDay({ staffingNeeds: [{ profession: 'doctor', count: 1 }] }),
      })
    ).body;
    await waitFor(
      async () =>
        (
          await http.call('GET', `${base}/staffing-requests/${planned.staffingRequestId}`, {
            token: coordinator,
          })
        ).status === 200,
      15_000,
      'request in scheduling',
    );
    await http.call('POST', `${base}/staffing-requests/${planned.staffingRequestId}/rota`, {
      token: coordinator,
    });
    await waitFor(
      async () =>
        (
          await http.call(
            'GET',
            `${base}/campaigns/${campaign.campaignId}/sessions/${planned.sessionId}`,
            { token: coordinator },
          )
        ).body.assignments.length === 1,
      15_000,
      'assignment',
    );

    const pharmacistToken = await http.call('POST', '/dev-issuer/token', {
      body: {
        subject: 'pharmacist',
        tenants: { [TENANT]: ['member'] },
        memberId: pharmacist.memberId,
      },
    });
    const signedUp = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/volunteers`,
      {
        token: pharmacistToken.body.access_token,
        body: { source: 'member', sessionId: planned.sessionId },
      },
    );
    expect(signedUp.status).toBe(201);
    expect(signedUp.body).toMatchObject({
      source: 'member',
      memberId: pharmacist.memberId,
      displayName: 'Paul Durand',
      profession: 'pharmacist',
    });
    const external = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/volunteers`,
      {
        token: coordinator,
        body: {
          source: 'external',
          sessionId: planned.sessionId,
          displayName: 'Jeanne Dupuis',
          recruitedBy: 'CCAS de Portes-lès-Valence',
        },
      },
    );
    expect(external.status).toBe(201);
    const memberAddsExternal = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/volunteers`,
      {
        token: pharmacistToken.body.access_token,
        body: { source: 'external', displayName: 'Someone' },
      },
    );
    expect(memberAddsExternal.status).toBe(403);

    const moved = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/sessions/${planned.sessionId}/move`,
      {
        token: coordinator,
        body: {
          startsAt: '2026-10-16T14:00:00+02:00',
          endsAt: '2026-10-16T17:00:00+02:00',
          reason: 'la salle est prise',
        },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe('2026-10-16T12:00:00.000Z');
    const [movedEvent] = (await outboxOf('campaigns.session.moved.v1')).filter(
      (e) => e.payload.sessionId === planned.sessionId,
    );
    expect(movedEvent.payload.notified.map((p: any) => p.displayName).sort()).toEqual([
      'Anne Chabert',
      'Jeanne Dupuis',
      'Paul Durand',
    ]);
    expect(movedEvent.payload).toMatchObject({
      movedBy: 'coordinator',
      previousStartsAt: '2026-10-15T07:00:00.000Z',
      staffingRequestId: planned.staffingRequestId,
    });

    const outside = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/sessions/${planned.sessionId}/move`,
      {
        token: coordinator,
        body: { startsAt: '2027-01-05T14:00:00+01:00', endsAt: '2027-01-05T17:00:00+01:00' },
      },
    );
    expect(outside.status).toBe(400);
    expect(outside.body.errors.map((e: any) => e.field)).toEqual(['startsAt', 'endsAt']);

    const cancelled = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/sessions/${planned.sessionId}/cancel`,
      {
        token: coordinator,
        body: { reason: 'livraison de vaccins reportée' },
      },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'livraison de vaccins reportée',
    });
    const notifications = await http.call(
      'GET',
      `${base}/campaigns/${campaign.campaignId}/sessions/${planned.sessionId}/notifications`,
      { token: coordinator },
    );
    expect(
      notifications.body.notifications.map((n: any) => `${n.kind}:${n.displayName}`).sort(),
    ).toEqual([
      'session-cancelled:Anne Chabert',
      'session-cancelled:Jeanne Dupuis',
      'session-cancelled:Paul Durand',
      'session-moved:Anne Chabert',
      'session-moved:Jeanne Dupuis',
      'session-moved:Paul Durand',
    ]);
    expect(
      notifications.body.notifications.find((n: any) => n.kind === 'session-moved').message,
    ).toContain('la salle est prise');

    // scheduling withdraws the request of a cancelled session
    await waitFor(
      async () =>
        (
          await http.call('GET', `${base}/staffing-requests/${planned.staffingRequestId}`, {
            token: coordinator,
          })
        ).body.status === 'withdrawn',
      15_000,
      'the staffing request to be withdrawn',
    );
  });

  it('a session riding on a vaccination session follows it when moved, then cancelled', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'rider' }),
      })
    ).body;
    const rider = await http.call('POST', `${base}/campaigns/${campaign.campaignId}/sessions`, {
      token: coordinator,
      body: screeningDay({
        format: 'vaccination-rider',
        vaccinationSessionId: 'vacc-2026-10-20-am',
        title: 'ICOPE après injection',
      }),
    });
    expect(rider.status).toBe(201);
    await http.call('POST', `${base}/campaigns/${campaign.campaignId}/volunteers`, {
      token: coordinator,
      body: {
        source: 'external',
        sessionId: rider.body.sessionId,
        displayName: 'Marc Roux',
        recruitedBy: 'CCAS de Valence',
      },
    });
    const path = `${base}/campaigns/${campaign.campaignId}/sessions/${rider.body.sessionId}`;

    await publish(SchedulingSessionChanged, {
      sessionId: 'vacc-2026-10-20-am',
      change: 'moved',
      startsAt: '2026-10-21T09:00:00+02:00',
      endsAt: '2026-10-21T12:00:00+02:00',
      reason: 'doses en retard',
    });
    await waitFor(
      async () =>
        (await http.call('GET', path, { token: coordinator })).body.startsAt ===
        '2026-10-21T07:00:00.000Z',
      15_000,
      'the rider to move',
    );
    const [movedEvent] = (await outboxOf('campaigns.session.moved.v1')).filter(
      (e) => e.payload.sessionId === rider.body.sessionId,
    );
    expect(movedEvent.payload).toMatchObject({
      movedBy: 'vaccination-session',
      notified: [{ displayName: 'Marc Roux' }],
    });

    await publish(SchedulingSessionChanged, {
      sessionId: 'vacc-2026-10-20-am',
      change: 'cancelled',
    });
    await waitFor(
      async () =>
        (await http.call('GET', path, { token: coordinator })).body.status === 'cancelled',
      15_000,
      'the rider to be cancelled',
    );
    const notifications = await http.call('GET', `${path}/notifications`, { token: coordinator });
    expect(notifications.body.notifications.map((n: any) => n.kind)).toEqual([
      'session-moved',
      'session-cancelled',
    ]);
  });

  it('sends an announcement to the members matching the audience and records who received it', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'announcement' }),
      })
    ).body;
    const sent = await http.call('POST', `${base}/campaigns/${campaign.campaignId}/announcements`, {
      token: coordinator,
      body: {
        subject: 'Appel à bénévoles ICOPE',
        body: 'Nous cherchons des bénévoles formés.',
        audience: { skills: ['icope-trained'], communes: [VALENCE] },
      },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.recipients.map((r: any) => r.displayName)).toEqual([
      'Anne Chabert',
      'Inès Arnaud',
    ]);
    const read = await http.call(
      'GET',
      `${base}/campaigns/${campaign.campaignId}/announcements/${sent.body.announcementId}`,
      { token: coordinator },
    );
    expect(read.body.recipients.map((r: any) => r.memberId).sort()).toEqual(
      [gp.memberId, nurseIcope.memberId].sort(),
    );
    const [event] = (await outboxOf('campaigns.announcement.sent.v1')).filter(
      (e) => e.payload.announcementId === sent.body.announcementId,
    );
    expect(event.payload.recipients).toHaveLength(2);

    const nurses = await http.call(
      'POST',
      `${base}/campaigns/${campaign.campaignId}/announcements`,
      {
        token: coordinator,
        body: {
          subject: 'Infirmiers de Beaumont',
          body: '…',
          audience: { professions: ['nurse'], communes: [BEAUMONT] },
        },
      },
    );
    expect(nurses.body.recipients.map((r: any) => r.displayName)).toEqual(['Luc Bernard']);
  });

  it('reports per campaign, per mission and per period, as JSON and as a French CSV', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({
          title: 'Dépistage auditif; 2026',
          theme: 'hearing-screening',
          objectives: [
            { indicator: 'people-screened', target: 50 },
            { indicator: 'sessions-held', target: 4 },
          ],
        }),
      })
    ).body;
    const session = (
      await http.call('POST', `${base}/campaigns/${campaign.campaignId}/sessions`, {
        token: coordinator,
        body: screeningDay(),
      })
    ).body;
    for (const displayName of ['Jeanne Dupuis', 'Marc Roux']) {
      await http.call('POST', `${base}/campaigns/${campaign.campaignId}/volunteers`, {
        token: coordinator,
        body: { source: 'external', sessionId: session.sessionId, displayName },
      });
    }
    const badOutcome = await http.call(
      'PUT',
      `${base}/campaigns/${campaign.campaignId}/sessions/${session.sessionId}/outcome`,
      {
        token: coordinator,
        body: { participants: 3, screeningsDone: 3, referredToGp: 5 },
      },
    );
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.errors[0].field).toBe('referredToGp');
    const outcome = await http.call(
      'PUT',
      `${base}/campaigns/${campaign.campaignId}/sessions/${session.sessionId}/outcome`,
      {
        token: coordinator,
        body: { participants: 28, screeningsDone: 25, referredToGp: 4 },
      },
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({
      status: 'held',
      outcome: { participants: 28, screeningsDone: 25, referredToGp: 4 },
    });

    const report = await http.call(
      'GET',
      `${base}/campaign-report?from=2026-01-01&to=2026-12-31&campaignId=${campaign.campaignId}&granularity=month`,
      { token: coordinator },
    );
    expect(report.status).toBe(200);
    expect(report.body.campaigns.map((r: any) => r.period)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(report.body.campaigns[0]).toMatchObject({
      sessionsHeld: 1,
      participants: 28,
      screeningsDone: 25,
      referredToGp: 4,
      volunteerHours: 6,
      objectives: [
        { indicator: 'people-screened', target: 50, achieved: 25, percent: 50 },
        { indicator: 'sessions-held', target: 4, achieved: 1, percent: 25 },
      ],
      objectiveReachedPercent: 37.5,
    });
    expect(report.body.missions[0]).toMatchObject({
      aciMission: 'prevention',
      period: '2026-10',
      campaigns: 1,
      sessionsHeld: 1,
      volunteerHours: 6,
    });

    const csv = await fetch(
      `${baseUrl}${base}/campaign-report?from=2026-01-01&to=2026-12-31&campaignId=${campaign.campaignId}&format=csv`,
      {
        headers: { authorization: `Bearer ${coordinator}` },
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Niveau;Mission ACI;Campagne;Thème;Période;Séances tenues;Participants;Dépistages réalisés;Orientations vers le médecin traitant;Heures de bénévolat;Objectif atteint (%)',
    );
    expect(lines[1]).toBe(
      'campagne;prevention;"Dépistage auditif; 2026";hearing-screening;2026-01-01..2026-12-31;1;28;25;4;6;37,5',
    );

    const byAccept = await fetch(
      `${baseUrl}${base}/campaign-report?from=2026-01-01&to=2026-12-31`,
      { headers: { authorization: `Bearer ${coordinator}`, accept: 'text/csv' } },
    );
    expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    await byAccept.arrayBuffer();

    const reversed = await http.call(
      'GET',
      `${base}/campaign-report?from=2026-12-31&to=2026-01-01`,
      { token: coordinator },
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('to');
  });

  it('refuses to plan anything in a CPTS whose territory membership has not announced, writing nothing', async () => {
    const stranger = await http.token({
      subject: 'coordinator-2',
      tenants: { 'cpts-sans-territoire': ['coordinator'] },
    });
    const before = await count(`"campaigns".campaigns`);
    // the gateway knows no such CPTS
    const unknown = await http.call('POST', '/v1/tenants/cpts-sans-territoire/campaigns', {
      token: stranger,
      body: icopeCampaign(),
    });
    expect(unknown.status).toBe(404);
    // campaigns checks on its own, for a CPTS whose announcement has not reached it yet
    const refused = await membershipWire.request(
      CreateCampaign.subject,
      {
        context: {
          tenantId: 'cpts-sans-territoire',
          correlationId: 'campaigns-int-spec',
          actor: { subject: 'coordinator-2', roles: ['coordinator'] },
        },
        body: icopeCampaign(),
      },
      10_000,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problem.status).toBe(409);
      expect(refused.problem.detail).toContain('territory of this CPTS is not known');
    }
    expect(await count(`"campaigns".campaigns`)).toBe(before);
  });

  it('a member signs up only themselves, and only as an active member of this CPTS', async () => {
    const campaign = (
      await http.call('POST', `${base}/campaigns`, {
        token: coordinator,
        body: icopeCampaign({ title: 'sign-ups' }),
      })
    ).body;
    const luc = await http.token({
      subject: 'luc',
      tenants: { [TENANT]: ['member'] },
      memberId: nurse.memberId,
    });
    const path = `${base}/campaigns/${campaign.campaignId}/volunteers`;
    const forOther = await http.call('POST', path, {
      token: luc,
      body: { source: 'member', memberId: gp.memberId },
    });
    expect(forOther.status).toBe(403);
    const unknown = await http.call('POST', path, {
      token: coordinator,
      body: { source: 'member', memberId: randomUUID() },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('memberId');
    const self = await http.call('POST', path, { token: luc, body: { source: 'member' } });
    expect(self.status).toBe(201);
    const twice = await http.call('POST', path, { token: luc, body: { source: 'member' } });
    expect(twice.status).toBe(409);
    const listed = await http.call('GET', path, { token: luc });
    expect(listed.body.volunteers.map((v: any) => v.displayName)).toEqual(['Luc Bernard']);
  });

  it('documents the campaign routes in OpenAPI', async () => {
    const docs = await http.call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/tenants/{tenantId}/campaigns',
        '/v1/tenants/{tenantId}/campaigns/{campaignId}/sessions',
        '/v1/tenants/{tenantId}/campaigns/{campaignId}/sessions/{sessionId}/move',
        '/v1/tenants/{tenantId}/campaigns/{campaignId}/announcements',
        '/v1/tenants/{tenantId}/campaign-report',
        '/v1/tenants/{tenantId}/staffing-requests/{requestId}/rota',
      ]),
    );
  });
});
