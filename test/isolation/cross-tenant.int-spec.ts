import { luhnKey } from '@maillage/identifiers';
import { randomUUID } from 'node:crypto';
import { cptsTenant, nurse } from '../fixtures';
import { waitFor } from '@maillage/testing';
import { fillPath, resolve, WriteRoute } from './openapi-routes';
import { Platform, rowCounts, startPlatform } from './platform';

const A = 'cpts-a';
const B = 'cpts-b';
const VALENCE = '26362';

/** A valid SIRET of SIREN 732829320 with the given establishment prefix. */
const siret = (nic4: string): string => `732829320${nic4}` + luhnKey(`732829320${nic4}`);
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number): string =>
  new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Route extends Omit<WriteRoute, 'method'> {
  method: string;
}

/** The ids of one CPTS's records, by the name of the path parameter that carries them. */
type Ids = Record<string, string>;

/**
 * No CPTS reaches another's records, through any route of the gateway: a token
 * of tenant A on tenant B's paths gets 403; on its own paths with the ids of
 * B's records it gets 403 or 404 — the same request B's coordinator makes
 * succeeds — and the database is unchanged.
 */
describe('tenant isolation on every gateway route', () => {
  let platform: Platform;
  let routes: Route[];
  const ids: Record<string, Ids> = {};
  const coordinators: Record<string, string> = {};

  const bodies = (own: Ids): Record<string, unknown> => ({
    'POST /v1/tenants/{tenantId}/members': nurse({
      identifierValue: '80000000002',
      lastName: 'Intrus',
    }),
    'PATCH /v1/tenants/{tenantId}/members/{memberId}': { lastName: 'Changé' },
    'PUT /v1/tenants/{tenantId}/members/{memberId}/skills': {
      skills: [{ code: 'can-vaccinate', trainedOn: '2024-09-15' }],
    },
    'PUT /v1/tenants/{tenantId}/members/{memberId}/availability': {
      availability: { weekly: [{ weekday: 2, start: '14:00', end: '18:00' }], exceptions: [] },
    },
    'POST /v1/tenants/{tenantId}/members/{memberId}/leave': {
      leftOn: inDays(30),
      reason: 'moved out',
    },
    'POST /v1/tenants/{tenantId}/members/{memberId}/consents': {
      purpose: 'newsletter',
      given: true,
    },
    'PATCH /v1/tenants/{tenantId}': { name: 'CPTS renommée' },
    'PUT /v1/tenants/{tenantId}/partners/{partnerId}/sectors': { sectors: [VALENCE] },
    'POST /v1/tenants/{tenantId}/partners/{partnerId}/contacts': {
      lastName: 'Durand',
      firstName: 'Hélène',
      role: 'referent',
    },
    'POST /v1/tenants/{tenantId}/agreements': {
      partnerId: own.partnerId,
      purpose: 'Parcours de soins',
      signedOn: today,
      startsOn: today,
      endsOn: inDays(90),
      clauses: [{ type: 'referral-pathway', summary: 'Orientation précoce' }],
    },
    'POST /v1/tenants/{tenantId}/referrals': {
      partnerId: own.partnerId,
      reference: `REF-${randomUUID().slice(0, 8)}`,
    },
    'PUT /v1/tenants/{tenantId}/sites/{siteId}/operator': { operator: 'SDIS 26', from: inDays(10) },
    'POST /v1/tenants/{tenantId}/sites/{siteId}/vaccination-sessions': {
      line: 'Ligne 1',
      date: inDays(20),
      start: '08:00',
      end: '12:00',
      doses: 100,
    },
    'POST /v1/tenants/{tenantId}/rota-jobs': {
      siteIds: [own.siteId],
      periodStart: inDays(20),
      periodEnd: inDays(26),
    },
    'POST /v1/tenants/{tenantId}/campaigns/{campaignId}/sessions': screeningDay(),
    'POST /v1/tenants/{tenantId}/campaigns/{campaignId}/sessions/{sessionId}/move': {
      startsAt: `${inDays(41)}T09:00:00+02:00`,
      endsAt: `${inDays(41)}T12:00:00+02:00`,
      reason: 'salle prise',
    },
    'POST /v1/tenants/{tenantId}/campaigns/{campaignId}/sessions/{sessionId}/cancel': {
      reason: 'annulée',
    },
    'PUT /v1/tenants/{tenantId}/campaigns/{campaignId}/sessions/{sessionId}/outcome': {
      participants: 10,
      screeningsDone: 9,
      referredToGp: 1,
    },
    'POST /v1/tenants/{tenantId}/campaigns/{campaignId}/volunteers': {
      source: 'external',
      displayName: 'Jeanne Dupuis',
      sessionId: own.sessionId,
    },
    'POST /v1/tenants/{tenantId}/campaigns/{campaignId}/announcements': {
      subject: 'Appel',
      body: 'Bénévoles recherchés',
      audience: { communes: [VALENCE] },
    },
    'POST /v1/tenants/{tenantId}/open-shifts/{openShiftId}/claims': { memberId: own.memberId },
    'POST /v1/tenants/{tenantId}/rotas/{rotaId}/edits': {
      type: 'assign',
      shiftId: own.shiftId,
      memberId: own.memberId,
      role: 'nurse',
    },
    'POST /v1/tenants/{tenantId}/rotas/{rotaId}/withdrawals': {
      shiftId: own.shiftId,
      memberId: own.memberId,
      reason: 'malade',
    },
    'POST /v1/tenants/{tenantId}/rotas/{rotaId}/swaps': {
      memberId: own.memberId,
      shiftId: own.shiftId,
      withMemberId: randomUUID(),
      withShiftId: own.shiftId,
    },
  });

  const screeningDay = () => ({
    title: 'Dépistage ICOPE',
    format: 'screening-day',
    place: { kind: 'village-hall', label: 'Salle des fêtes', commune: VALENCE },
    startsAt: `${inDays(40)}T09:00:00+02:00`,
    endsAt: `${inDays(40)}T12:00:00+02:00`,
    capacity: 40,
    staffingNeeds: [],
  });

  /** The records of one CPTS, made through the API by its coordinator. */
  const populate = async (tenantId: string, nic: string): Promise<Ids> => {
    const token = coordinators[tenantId];
    const post = async (path: string, body: unknown, field: string): Promise<string> => {
      const response = await platform.http.call('POST', `/v1/tenants/${tenantId}${path}`, {
        token,
        body,
      });
      if (response.status !== 201 && response.status !== 202)
        throw new Error(
          `${tenantId} POST ${path}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      return response.body[field] as string;
    };
    const own: Ids = { tenantId };
    // available every morning, so that the rota below can put her on its shift
    own.memberId = await post(
      '/members',
      nurse({
        availability: {
          weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            weekday,
            start: '07:00',
            end: '14:00',
          })),
          exceptions: [],
          monthlyShiftCap: 8,
        },
      }),
      'memberId',
    );
    own.partnerId = await post(
      '/partners',
      { kind: 'dac', name: `DAC ${tenantId}`, siret: siret(nic), sectors: [VALENCE] },
      'partnerId',
    );
    await post(
      `/partners/${own.partnerId}/contacts`,
      {
        lastName: 'Durand',
        firstName: 'Hélène',
        role: 'referent',
        email: 'h.durand@dac.example.fr',
      },
      'contactId',
    );
    own.agreementId = await post(
      '/agreements',
      bodies(own)['POST /v1/tenants/{tenantId}/agreements'],
      'agreementId',
    );
    own.referralId = await post(
      '/referrals',
      bodies(own)['POST /v1/tenants/{tenantId}/referrals'],
      'referralId',
    );
    own.siteId = await post(
      '/sites',
      {
        kind: 'vaccination-centre',
        name: `Centre ${tenantId}`,
        commune: VALENCE,
        operator: tenantId,
        lines: [{ name: 'Ligne 1', boxes: 2 }],
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          start: '08:00',
          end: '13:00',
        })),
      },
      'siteId',
    );
    await post(
      `/sites/${own.siteId}/vaccination-sessions`,
      bodies(own)['POST /v1/tenants/{tenantId}/sites/{siteId}/vaccination-sessions'],
      'sessionId',
    );
    await waitFor(
      async () =>
        (
          await platform.http.call('GET', `/v1/tenants/${tenantId}/staff/${own.memberId}`, {
            token,
          })
        ).status === 200,
      15_000,
      `the member of ${tenantId} in the staff pool`,
    );
    own.jobId = await post(
      '/rota-jobs',
      {
        siteIds: [own.siteId],
        periodStart: inDays(20),
        periodEnd: inDays(20),
        timeLimitSeconds: 1,
      },
      'jobId',
    );
    // campaigns learns the territory from membership's events
    let campaign = { status: 0, body: {} as Record<string, string> };
    const deadline = Date.now() + 15_000;
    do {
      campaign = await platform.http.call('POST', `/v1/tenants/${tenantId}/campaigns`, {
        token,
        body: {
          title: 'ICOPE automne',
          theme: 'icope-frailty-screening',
          aciMission: 'prevention',
          target: { ageMin: 75, condition: 'frailty', communes: [VALENCE] },
          periodStart: inDays(1),
          periodEnd: inDays(120),
          objectives: [{ indicator: 'people-screened', target: 100 }],
          ownerName: 'Dr Anne Chabert',
        },
      });
      if (campaign.status !== 201) await new Promise((r) => setTimeout(r, 200));
    } while (campaign.status !== 201 && Date.now() < deadline);
    if (campaign.status !== 201)
      throw new Error(`${tenantId} campaign: ${campaign.status} ${JSON.stringify(campaign.body)}`);
    own.campaignId = campaign.body.campaignId;
    own.sessionId = await post(
      `/campaigns/${own.campaignId}/sessions`,
      screeningDay(),
      'sessionId',
    );
    own.announcementId = await post(
      `/campaigns/${own.campaignId}/announcements`,
      bodies(own)['POST /v1/tenants/{tenantId}/campaigns/{campaignId}/announcements'],
      'announcementId',
    );
    // the draft rota of the job, and one of its shifts
    await waitFor(
      async () => {
        const job = await platform.http.call(
          'GET',
          `/v1/tenants/${tenantId}/rota-jobs/${own.jobId}`,
          { token },
        );
        if (job.body.state === 'failed')
          throw new Error(`${tenantId} rota job failed: ${JSON.stringify(job.body)}`);
        if (job.body.state !== 'succeeded') return false;
        own.rotaId = String(job.body.resultLocation).split('/').pop()!;
        return true;
      },
      40_000,
      `the rota job of ${tenantId}`,
    );
    const rota = await platform.http.call('GET', `/v1/tenants/${tenantId}/rotas/${own.rotaId}`, {
      token,
    });
    own.shiftId = rota.body.shifts[0].shiftId as string;
    return own;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    const operator = await platform.http.token({ subject: 'operator', operator: true });
    for (const tenantId of [A, B]) {
      expect(
        (
          await platform.http.call('POST', `/v1/tenants/${tenantId}`, {
            token: operator,
            body: cptsTenant(),
          })
        ).status,
      ).toBe(201);
      coordinators[tenantId] = await platform.http.token({
        subject: `coordinator@${tenantId}`,
        tenants: { [tenantId]: ['coordinator'] },
      });
    }
    ids[A] = await populate(A, '0001');
    ids[B] = await populate(B, '0002');
    await platform.settled();
    const document = (await platform.http.call('GET', '/docs-json')).body;
    routes = Object.entries(
      document.paths as Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>
      >,
    )
      .filter(([path]) => path.startsWith('/v1/tenants/{tenantId}'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map(([method, operation]) => {
            const json = operation.requestBody?.content['application/json'];
            return {
              method: method.toUpperCase(),
              path,
              body: json ? resolve(document, json.schema) : undefined,
              mediaTypes: Object.keys(operation.requestBody?.content ?? {}),
              params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
            };
          }),
      );
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const call = (route: Route, tenantPath: string, token: string, recordIds: Ids, body: unknown) =>
    platform.http.call(
      route.method,
      fillPath(route as WriteRoute, { ...recordIds, tenantId: tenantPath }),
      {
        token,
        body: route.body ? (body ?? {}) : undefined,
        headers: route.method === 'PUT' || route.method === 'PATCH' ? { 'if-match': '*' } : {},
      },
    );
  const key = (route: Route): string => `${route.method} ${route.path}`;
  const idsFor = (route: Route, owner: Ids): Ids =>
    Object.fromEntries(route.params.map((p) => [p, owner[p] ?? randomUUID()]));

  /** A caller with every role in `tenantId`: coordinator, member (their member record) and partner (their partner). */
  const everyRole = (tenantId: string) =>
    platform.http.token({
      subject: `everyone@${tenantId}`,
      tenants: { [tenantId]: ['coordinator', 'member', 'partner'] },
      memberId: ids[tenantId].memberId,
      partnerId: ids[tenantId].partnerId,
    } as never);
  /** The CPTS side (coordinator and member) and the partner side act differently: both are tried. */
  const callers = async (tenantId: string): Promise<[string, string][]> => [
    [
      'coordinator and member',
      await platform.http.token({
        subject: `coordinator-member@${tenantId}`,
        tenants: { [tenantId]: ['coordinator', 'member'] },
        memberId: ids[tenantId].memberId,
      }),
    ],
    [
      'partner user',
      await platform.http.token({
        subject: `partner@${tenantId}`,
        tenants: { [tenantId]: ['partner'] },
        partnerId: ids[tenantId].partnerId,
      } as never),
    ],
  ];
  /** Routes whose every id is one of a record the test made in both CPTS. */
  const routesOnRecords = (): Route[] =>
    routes.filter((r) => r.params.length > 1 && r.params.every((p) => ids[B][p]));
  const brief = (response: { status: number; body: unknown }): string =>
    `${response.status} ${JSON.stringify(response.body ?? '').slice(0, 160)}`;

  it('refuses with 403 every route on tenant B for a caller with every role in A (404 on the public calendar feed)', async () => {
    const tokenA = await everyRole(A);
    const before = await rowCounts(platform.db);
    const failures: string[] = [];
    for (const route of routes) {
      const response = await call(
        route,
        B,
        tokenA,
        idsFor(route, ids[B]),
        bodies(ids[B])[key(route)],
      );
      if (response.status !== 403 && response.status !== 404)
        failures.push(`${key(route)}: ${brief(response)}`);
      if (response.status === 404 && route.path !== '/v1/tenants/{tenantId}/calendars/{file}')
        failures.push(`${key(route)}: 404, not 403`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(platform.db)).toEqual(before);
  });

  it("answers 403 or 404 to A's callers on A's paths with the ids of B's records, and writes nothing", async () => {
    const before = await rowCounts(platform.db);
    const failures: string[] = [];
    for (const [who, token] of await callers(A)) {
      for (const route of routesOnRecords()) {
        const body = bodies(ids[B])[key(route)];
        const response = await call(route, A, token, idsFor(route, ids[B]), body);
        if (route.body && body === undefined)
          failures.push(`${key(route)}: no valid body in this test`);
        else if (key(route) === 'GET /v1/tenants/{tenantId}/partners/{partnerId}') {
          // the partner directory is shared by every CPTS (an establishment's name, SIRET and sectors are public);
          // its contacts, personal data, only with the CPTS that registered or signed with it
          if (response.status === 200 && response.body.contacts.length > 0)
            failures.push(`${who} ${key(route)}: B's contacts shown to A`);
        } else if (route.path.endsWith('/events')) {
          // server-sent events answer 200 at once, then an error event
          const refusedInStream =
            response.status === 200 &&
            /event: error[\s\S]*"status":404/.test(String(response.body));
          if (response.status !== 403 && !refusedInStream)
            failures.push(`${who} ${key(route)}: ${brief(response)}`);
        } else if (![403, 404].includes(response.status))
          failures.push(`${who} ${key(route)}: ${brief(response)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(platform.db)).toEqual(before);
  });

  it('answers the same requests for B itself: the ids and bodies above reach B’s records (reads first, endings last)', async () => {
    const tokens = await callers(B);
    const failures: string[] = [];
    // a stream of server-sent events stays open: its refusal to A is checked above
    for (const route of routesOnRecords()
      .filter((r) => !r.path.endsWith('/events') && !CONTROL_NEEDS_MORE[key(r)])
      .sort((x, y) => rank(x) - rank(y))) {
      const answers: string[] = [];
      for (const [who, token] of tokens) {
        const response = await call(
          route,
          B,
          token,
          idsFor(route, ids[B]),
          bodies(ids[B])[key(route)],
        );
        // a conflict or a broken rule (already active, not yet held, not on that shift) also says the record was found
        if (response.status < 500 && ![401, 403, 404].includes(response.status)) break;
        answers.push(`${who}: ${brief(response)}`);
      }
      if (answers.length === tokens.length) failures.push(`${key(route)}: ${answers.join(' / ')}`);
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Routes whose success for B needs records this test does not make; their
 * refusal to A above is checked all the same.
 */
const CONTROL_NEEDS_MORE: Record<string, string> = {
  'POST /v1/tenants/{tenantId}/rotas/{rotaId}/swaps':
    'two members on two shifts of a published rota',
};

/** Reads, then changes, then what ends a record, so that the controls do not undo each other. */
function rank(route: Route): number {
  if (route.method === 'GET') return 0;
  if (route.method === 'DELETE') return 3;
  if (/\/(leave|end|cancel|complete)$/.test(route.path)) return 2;
  return 1;
}
