import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { cptsTenant, HttpClient, nurse } from './fixtures';
import { startFrontDoor } from './front-door';

/**
 * Membership through the gateway, distributed mode (real PostgreSQL and NATS):
 * every rule of issue 3, and every member event reaching scheduling's staff pool.
 */
describe('membership service', () => {
  let databaseUrl: string;
  let membership: RunningService;
  let scheduling: RunningService;
  let gateway: RunningService;
  let http: HttpClient;
  let db: Client;
  let coordinator: string;
  let operator: string;
  const T = 'cpts-sud-valence';

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    scheduling = await startService({
      databaseUrl,
      prefix,
      module: (r) => SchedulingModule.register(r, 'warn'),
    });
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [[T, { communes: ['26362', '26252', '26124', '26064'] }]],
    }));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    operator = await http.token({ subject: 'operator-1', operator: true });
    coordinator = await http.token({
      subject: 'coordinator-1',
      tenants: { [T]: ['coordinator'], 'cpts-empty': ['coordinator'] },
    });
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    await scheduling?.stop();
    await membership?.stop();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query(sql, params)).rows[0].n);
  const members = (tenantId = T): Promise<number> =>
    count(`SELECT count(*) AS n FROM membership.members WHERE tenant_id = $1`, [tenantId]);
  const outbox = (subject = '%'): Promise<number> =>
    count(`SELECT count(*) AS n FROM membership.outbox WHERE subject LIKE $1`, [subject]);
  const register = (body: object, token = coordinator, tenantId = T) =>
    http.call('POST', `/v1/tenants/${tenantId}/members`, { token, body });
  const staffOf = async (memberId: string) =>
    (await db.query(`SELECT * FROM scheduling.staff_members WHERE member_id = $1`, [memberId]))
      .rows[0];
  const rpps = (() => {
    // valid RPPS numbers in the ANS test range: 997 + 7 digits + Luhn key
    let n = 1000;
    return (): string => {
      const body = `997${String(n++).padStart(7, '0')}`;
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let d = Number(body[body.length - 1 - i]);
        if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      return body + String((10 - (sum % 10)) % 10);
    };
  })();

  describe('tenants', () => {
    it('opens a CPTS with its territory read from the INSEE codes, and tells the other services', async () => {
      const opened = await http.call('POST', '/v1/tenants/cpts-drome-nord', {
        token: operator,
        body: cptsTenant({ name: 'CPTS Drôme Nord', communes: ['26362', '26281'] }),
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        tenantId: 'cpts-drome-nord',
        legalForm: 'association',
        territory: [
          { code: '26362', name: 'Valence', departmentCode: '26', epciCode: expect.any(String) },
          { code: '26281', departmentCode: '26' },
        ],
        departmentCodes: ['26'],
        revision: 1,
      });
      // Valence belongs to both CPTS: territories overlap at borders
      const envelope = (
        await db.query(
          `SELECT envelope FROM membership.outbox WHERE subject = 'membership.tenant.registered.v1' AND tenant_id = 'cpts-drome-nord'`,
        )
      ).rows[0].envelope;
      expect(envelope.payload.territory.map((c: { code: string }) => c.code)).toEqual([
        '26362',
        '26281',
      ]);
    });

    it('lets only an operator open a CPTS, once', async () => {
      expect(
        (
          await http.call('POST', '/v1/tenants/cpts-x', {
            token: await http.token({ subject: 'c', tenants: { 'cpts-x': ['coordinator'] } }),
            body: cptsTenant(),
          })
        ).status,
      ).toBe(403);
      expect(
        (await http.call('POST', `/v1/tenants/${T}`, { token: operator, body: cptsTenant() }))
          .status,
      ).toBe(409);
    });

    it('refuses an unknown commune code naming the field, and writes nothing', async () => {
      const before = await outbox();
      const refused = await http.call('POST', '/v1/tenants/cpts-nowhere', {
        token: operator,
        body: cptsTenant({ communes: ['26362', '26000'] }),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { field: 'communes', reason: expect.stringContaining('unknown commune code 26000') },
      ]);
      expect(
        await count(`SELECT count(*) AS n FROM membership.tenants WHERE id = 'cpts-nowhere'`),
      ).toBe(0);
      expect(await outbox()).toBe(before);
    });

    it('updates the territory and emits the new snapshot', async () => {
      const updated = await http.call('PATCH', '/v1/tenants/cpts-drome-nord', {
        token: operator,
        body: { communes: ['26362', '26281', '26057'], aciAgreementDate: '2022-01-10' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ revision: 2, aciAgreementDate: '2022-01-10' });
      expect(updated.body.territory).toHaveLength(3);
      expect(await outbox('membership.tenant.updated.v1')).toBe(1);
      const read = await http.call('GET', '/v1/tenants/cpts-drome-nord', { token: operator });
      expect(read.body.territory).toHaveLength(3);
      // its coordinator keeps the contact, not the territory
      const local = await http.token({
        subject: 'c-nord',
        tenants: { 'cpts-drome-nord': ['coordinator'] },
      });
      expect(
        (
          await http.call('PATCH', '/v1/tenants/cpts-drome-nord', {
            token: local,
            body: { communes: ['26362'] },
          })
        ).status,
      ).toBe(403);
      const contact = await http.call('PATCH', '/v1/tenants/cpts-drome-nord', {
        token: local,
        body: { contact: { name: 'Coordination Nord', email: 'nord@cpts.example' } },
      });
      expect(contact.status).toBe(200);
      expect(contact.body).toMatchObject({ revision: 3, contact: { name: 'Coordination Nord' } });
    });

    it('answers 404 for every request about an unknown CPTS', async () => {
      const before = await outbox();
      const created = await register(nurse({ identifierValue: rpps() }), coordinator, 'cpts-empty');
      expect(created.status).toBe(404);
      expect(
        (await http.call('GET', '/v1/tenants/cpts-empty/members', { token: coordinator })).status,
      ).toBe(404);
      expect(
        (await http.call('GET', '/v1/tenants/cpts-empty', { token: coordinator })).status,
      ).toBe(404);
      expect(await members('cpts-empty')).toBe(0);
      expect(await outbox()).toBe(before);
    });
  });

  describe('registration rules: a 4xx naming the field, nothing written', () => {
    const refuses = async (body: object, status: number, field: string): Promise<void> => {
      const [rows, events] = [await members(), await outbox()];
      const response = await register(body);
      expect(response.status).toBe(status);
      expect(response.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
      expect(await members()).toBe(rows);
      expect(await outbox()).toBe(events);
    };

    it('refuses a bad RPPS key', () =>
      refuses(nurse({ identifierValue: '10101201234' }), 400, 'identifierValue'));
    it('refuses an ADELI for a doctor', () =>
      refuses(
        nurse({
          profession: 'doctor',
          specialty: 'general-practice',
          identifierKind: 'ADELI',
          identifierValue: '269912345',
        }),
        400,
        'identifierKind',
      ));
    it('refuses an unknown commune code', () =>
      refuses(nurse({ identifierValue: rpps(), communes: ['26362', '99999'] }), 400, 'communes'));
    it('refuses overlapping availability', () =>
      refuses(
        nurse({
          identifierValue: rpps(),
          availability: {
            weekly: [
              { weekday: 1, start: '08:00', end: '12:00' },
              { weekday: 1, start: '11:00', end: '14:00' },
            ],
            exceptions: [],
          },
        }),
        400,
        'availability.weekly[1]',
      ));
    it('refuses an unknown profession', () =>
      refuses(nurse({ identifierValue: rpps(), profession: 'wizard' }), 400, 'profession'));
    it('refuses voting rights to a partner member', () =>
      refuses(
        nurse({
          identifierValue: rpps(),
          association: {
            periods: [{ from: '2025-01-01', duesPaid: true }],
            college: 'partners',
            roles: ['member'],
          },
          votingRights: true,
        }),
        400,
        'votingRights',
      ));
    it('refuses a duplicate identifier in the CPTS with a 409, and accepts it in another CPTS', async () => {
      const value = rpps();
      expect((await register(nurse({ identifierValue: value }))).status).toBe(201);
      await refuses(nurse({ identifierValue: value, firstName: 'Other' }), 409, 'identifierValue');
      expect(
        (await register(nurse({ identifierValue: value }), operator, 'cpts-drome-nord')).status,
      ).toBe(201);
    });
    it('refuses registration by a member', async () => {
      const member = await http.token({ subject: 'm', tenants: { [T]: ['member'] } });
      expect((await register(nurse({ identifierValue: rpps() }), member)).status).toBe(403);
    });
  });

  describe('search', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const add = async (key: string, body: object): Promise<void> => {
        const created = await register(body);
        expect(created.status).toBe(201);
        ids[key] = created.body.memberId;
      };
      // 2026-12-02 is a Wednesday
      await add(
        'wed',
        nurse({
          lastName: 'Zola',
          identifierValue: rpps(),
          communes: ['26064'],
          availability: { weekly: [{ weekday: 3, start: '14:00', end: '18:00' }], exceptions: [] },
        }),
      );
      await add(
        'wedHoliday',
        nurse({
          lastName: 'Zorn',
          identifierValue: rpps(),
          communes: ['26064'],
          availability: {
            weekly: [{ weekday: 3, start: '08:00', end: '12:00' }],
            exceptions: [{ kind: 'unavailable', from: '2026-11-30', to: '2026-12-06' }],
          },
        }),
      );
      await add(
        'gp',
        nurse({
          lastName: 'Zeller',
          profession: 'doctor',
          specialty: 'general-practice',
          identifierValue: rpps(),
          communes: ['26064'],
          status: 'retired',
          skills: [{ code: 'snp-regulation' }],
        }),
      );
    });
    const search = async (query: string) => {
      const response = await http.call('GET', `/v1/tenants/${T}/members?commune=26064&${query}`, {
        token: coordinator,
      });
      expect(response.status).toBe(200);
      return response.body as {
        items: { memberId: string }[];
        total: number;
        page: number;
        pageSize: number;
      };
    };

    it('filters by commune, profession, skill, status and availability on a date', async () => {
      expect((await search('')).total).toBe(3);
      expect((await search('profession=doctor')).items.map((m) => m.memberId)).toEqual([ids.gp]);
      expect((await search('skill=snp-regulation')).items.map((m) => m.memberId)).toEqual([ids.gp]);
      expect((await search('status=retired')).items.map((m) => m.memberId)).toEqual([ids.gp]);
      expect((await search('availableOn=2026-12-02')).items.map((m) => m.memberId)).toEqual([
        ids.wed,
      ]);
      expect((await search('availableOn=2026-12-09')).items.map((m) => m.memberId).sort()).toEqual(
        [ids.wed, ids.wedHoliday].sort(),
      );
    });

    it('pages and sorts', async () => {
      const page = await search('pageSize=2&page=2&sort=lastName');
      expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.items.map((m) => m.memberId)).toEqual([ids.wedHoliday]);
      const invalid = await http.call('GET', `/v1/tenants/${T}/members?pageSize=1000`, {
        token: coordinator,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('pageSize');
    });
  });

  describe('self-service and propagation to the staff pool', () => {
    let memberId: string;
    let otherId: string;
    let self: string;

    beforeAll(async () => {
      memberId = (await register(nurse({ lastName: 'Roux', identifierValue: rpps() }))).body
        .memberId;
      otherId = (await register(nurse({ lastName: 'Blanc', identifierValue: rpps() }))).body
        .memberId;
      self = await http.token({ subject: 'roux', tenants: { [T]: ['member'] }, memberId });
      await waitFor(async () => (await staffOf(memberId)) !== undefined, 10_000, 'the staff entry');
    });

    it('lets a member change their own profile, not another one, nor their voting rights', async () => {
      const own = await http.call('PATCH', `/v1/tenants/${T}/members/${memberId}`, {
        token: self,
        body: { phone: '06 12 34 56 78', lastName: 'Roux-Martin' },
      });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        phone: '06 12 34 56 78',
        lastName: 'Roux-Martin',
        revision: 2,
      });
      expect(
        (
          await http.call('PATCH', `/v1/tenants/${T}/members/${otherId}`, {
            token: self,
            body: { phone: '06 12 34 56 78' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await http.call('PATCH', `/v1/tenants/${T}/members/${memberId}`, {
            token: self,
            body: { votingRights: false },
          })
        ).status,
      ).toBe(403);
      const me = await http.call('GET', `/v1/tenants/${T}/members/me`, { token: self });
      expect(me.body).toMatchObject({ memberId, lastName: 'Roux-Martin' });
      expect(
        (await http.call('GET', `/v1/tenants/${T}/members/${otherId}`, { token: self })).status,
      ).toBe(403);
      await waitFor(
        async () => (await staffOf(memberId))?.display_name === 'Claire Roux-Martin',
        10_000,
        'the new name in the staff pool',
      );
    });

    it('propagates skills and availability changes, and refuses overlapping availability', async () => {
      const skills = await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/skills`, {
        token: self,
        body: {
          skills: [{ code: 'can-vaccinate' }, { code: 'icope-screening', trainedOn: '2025-03-12' }],
        },
      });
      expect(skills.status).toBe(200);
      await waitFor(
        async () => (await staffOf(memberId))?.skills.length === 2,
        10_000,
        'skills in the staff pool',
      );

      const before = await outbox('membership.member.availability.changed.v1');
      const read = await http.call('GET', `/v1/tenants/${T}/members/${memberId}`, { token: self });
      const etag = read.headers.get('etag') as string;
      expect(etag).toBe('W/"3"');
      const overlap = await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/availability`, {
        token: self,
        headers: { 'if-match': etag },
        body: {
          availability: {
            weekly: [
              { weekday: 2, start: '08:00', end: '12:00' },
              { weekday: 2, start: '10:00', end: '13:00' },
            ],
            exceptions: [],
          },
        },
      });
      expect(overlap.status).toBe(400);
      expect(overlap.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'availability.weekly[1]',
      ]);
      expect(await outbox('membership.member.availability.changed.v1')).toBe(before);

      const availability = {
        weekly: [{ weekday: 2, start: '08:00', end: '12:00', bands: ['morning'] }],
        exceptions: [
          { kind: 'unavailable', from: '2026-12-24', to: '2027-01-02', reason: 'congés' },
        ],
        monthlyShiftCap: 3,
        preferredBands: ['morning'],
      };
      // the member and the coordinator edit the same availability: the second write, on a stale read, is refused
      expect(
        (
          await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/availability`, {
            token: self,
            body: { availability },
          })
        ).status,
      ).toBe(428);
      const changed = await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/availability`, {
        token: self,
        headers: { 'if-match': etag },
        body: { availability },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('W/"4"');
      const stale = await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/availability`, {
        token: coordinator,
        headers: { 'if-match': etag },
        body: { availability: { weekly: [], exceptions: [] } },
      });
      expect(stale.status).toBe(412);
      await waitFor(
        async () => (await staffOf(memberId))?.availability.monthlyShiftCap === 3,
        10_000,
        'availability in the staff pool',
      );
      expect((await staffOf(memberId)).revision).toBe(4);
    });

    it('records consent, exports everything held, then marks the member inactive when they leave', async () => {
      const consent = await http.call('POST', `/v1/tenants/${T}/members/${memberId}/consents`, {
        token: self,
        body: { purpose: 'shift-broadcasts', given: true },
      });
      expect(consent.status).toBe(200);
      expect(consent.body.consentPurposes).toEqual(['shift-broadcasts']);
      const withdrawn = await http.call('POST', `/v1/tenants/${T}/members/${memberId}/consents`, {
        token: self,
        body: { purpose: 'shift-broadcasts', given: false },
      });
      expect(withdrawn.body.consentPurposes).toEqual([]);
      expect(withdrawn.body.consents).toEqual([
        {
          purpose: 'shift-broadcasts',
          givenAt: expect.any(String),
          withdrawnAt: expect.any(String),
        },
      ]);

      const exported = await http.call('GET', `/v1/tenants/${T}/members/${memberId}/export`, {
        token: self,
      });
      expect(exported.status).toBe(200);
      expect(exported.body.member).toMatchObject({
        memberId,
        lastName: 'Roux-Martin',
        phone: '06 12 34 56 78',
      });
      expect(exported.body.history.map((h: { event: string }) => h.event)).toEqual([
        'registered',
        'profile updated (lastName, phone)',
        'skills changed',
        'availability changed',
        'consent to shift-broadcasts given',
        'consent to shift-broadcasts withdrawn',
      ]);

      const left = await http.call('POST', `/v1/tenants/${T}/members/${memberId}/leave`, {
        token: coordinator,
        body: { leftOn: '2026-12-31', reason: 'déménagement' },
      });
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ leftOn: '2026-12-31', votingRights: false });
      await waitFor(
        async () => (await staffOf(memberId))?.active === false,
        10_000,
        'the member inactive in the staff pool',
      );
      // node-pg reads a date column as local midnight
      const leftOn = new Date((await staffOf(memberId)).left_on);
      expect([leftOn.getFullYear(), leftOn.getMonth() + 1, leftOn.getDate()]).toEqual([2026, 12, 31]);
      const search = await http.call('GET', `/v1/tenants/${T}/members?name=roux`, {
        token: coordinator,
      });
      expect(search.body.total).toBe(0);
      expect(
        (
          await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/skills`, {
            token: coordinator,
            body: { skills: [] },
          })
        ).status,
      ).toBe(409);
    });

    it('erases a member: gone from membership, pseudonymised in the staff pool', async () => {
      const erased = await http.call('DELETE', `/v1/tenants/${T}/members/${otherId}`, {
        token: coordinator,
      });
      expect(erased.status).toBe(200);
      expect(
        (await http.call('GET', `/v1/tenants/${T}/members/${otherId}`, { token: coordinator }))
          .status,
      ).toBe(404);
      expect(
        await count(`SELECT count(*) AS n FROM membership.members WHERE id = $1`, [otherId]),
      ).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM membership.member_changes WHERE member_id = $1`, [
          otherId,
        ]),
      ).toBe(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM membership.outbox WHERE subject = 'membership.member.erased.v1' AND envelope->'payload'->>'memberId' = $1`,
          [otherId],
        ),
      ).toBe(1);
      await waitFor(
        async () => (await staffOf(otherId))?.display_name === 'Membre effacé',
        10_000,
        'pseudonymisation in the staff pool',
      );
      const staff = await staffOf(otherId);
      expect(staff).toMatchObject({ active: false, skills: [], communes: [], status: 'erased' });
      await membership.outboxDrained();
      expect(
        await count(
          `SELECT count(*) AS n FROM membership.outbox WHERE envelope::text LIKE '%Blanc%'`,
        ),
      ).toBe(0);
    });
  });

  describe('catalogue and late events', () => {
    it('serves the professions, specialties and skills the rules accept', async () => {
      const catalogue = await http.call('GET', `/v1/tenants/${T}/professions`, {
        token: coordinator,
      });
      expect(catalogue.status).toBe(200);
      expect(catalogue.body.professions).toContainEqual({
        code: 'nurse',
        label: 'Infirmier',
        category: 'health',
        identifiers: ['RPPS', 'ADELI'],
        hasSpecialty: false,
      });
      expect(catalogue.body.skills.map((s: { code: string }) => s.code)).toContain('can-vaccinate');
      expect(
        (await http.call('GET', '/v1/tenants/cpts-empty/professions', { token: coordinator }))
          .status,
      ).toBe(404);
    });

    it('ignores in the staff pool an event older than what it already applied', async () => {
      const created = await register(
        nurse({ lastName: 'Late', identifierValue: rpps(), skills: [{ code: 'can-vaccinate' }] }),
      );
      const memberId = created.body.memberId as string;
      const changed = await http.call('PUT', `/v1/tenants/${T}/members/${memberId}/skills`, {
        token: coordinator,
        body: { skills: [{ code: 'etp' }] },
      });
      expect(changed.body.revision).toBe(2);
      await waitFor(
        async () => (await staffOf(memberId))?.revision === 2,
        10_000,
        'revision 2 in the staff pool',
      );
      // a late redelivery of the registration (revision 1) arrives after the skills change
      const registered = (
        await db.query(
          `SELECT envelope FROM membership.outbox WHERE subject = 'membership.member.registered.v1' AND envelope->'payload'->>'memberId' = $1`,
          [memberId],
        )
      ).rows[0].envelope;
      const late = { ...registered, eventId: '6f1d8a52-3c1e-4f7b-9a0e-5b2d7c9e1f00' };
      await db.query(
        `INSERT INTO membership.outbox (event_id, subject, tenant_id, envelope) VALUES ($1, $2, $3, $4)`,
        [late.eventId, late.type, late.tenantId, JSON.stringify(late)],
      );
      await db.query(`SELECT pg_notify('maillage_outbox_membership', '')`);
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM scheduling.inbox WHERE event_id = $1`, [
            late.eventId,
          ])) === 1,
        10_000,
        'the late event to be consumed',
      );
      expect((await staffOf(memberId)).skills).toEqual([{ code: 'etp' }]);
    });
  });

  it('documents every membership route in OpenAPI, with its tenant parameter', async () => {
    const docs = await http.call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    const paths = docs.body.paths as Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[] }>
    >;
    const expected: [string, string][] = [
      ['/v1/tenants/{tenantId}', 'post'],
      ['/v1/tenants/{tenantId}', 'get'],
      ['/v1/tenants/{tenantId}', 'patch'],
      ['/v1/tenants/{tenantId}/members', 'post'],
      ['/v1/tenants/{tenantId}/members', 'get'],
      ['/v1/tenants/{tenantId}/members/import', 'post'],
      ['/v1/tenants/{tenantId}/members/{memberId}', 'get'],
      ['/v1/tenants/{tenantId}/members/{memberId}', 'patch'],
      ['/v1/tenants/{tenantId}/members/{memberId}', 'delete'],
      ['/v1/tenants/{tenantId}/members/{memberId}/skills', 'put'],
      ['/v1/tenants/{tenantId}/members/{memberId}/availability', 'put'],
      ['/v1/tenants/{tenantId}/members/{memberId}/leave', 'post'],
      ['/v1/tenants/{tenantId}/members/{memberId}/consents', 'post'],
      ['/v1/tenants/{tenantId}/members/{memberId}/export', 'get'],
      ['/v1/tenants/{tenantId}/professions', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(paths[path]?.[method]?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'tenantId', in: 'path' })]),
      );
    }
    expect(docs.body.components.schemas.RegisterMemberV1.properties).toHaveProperty('association');
  });

  describe('CSV import', () => {
    const HEADER = 'Nom;Prénom;Profession;RPPS;ADELI;Email;Téléphone;Communes;Compétences;Statut';
    const good = (): string =>
      `Import;Anne;Infirmier;${rpps()};;anne.import@example.fr;;26362;vaccination;actif`;

    it('registers nothing when one line is refused, and says why line by line', async () => {
      const before = [await members(), await outbox()];
      const csv = `${HEADER}\n${good()}\nFaux;Paul;Médecin généraliste;10101201234;;paul@example.fr;;26362;;actif\n`;
      const report = await http.call('POST', `/v1/tenants/${T}/members/import`, {
        token: coordinator,
        body: { csv },
      });
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ registered: 0, refused: 1, partial: false });
      expect(report.body.lines).toEqual([
        { line: 2, outcome: 'not-registered', errors: [], notes: [] },
        {
          line: 3,
          outcome: 'refused',
          errors: [{ field: 'RPPS', reason: 'RPPS key digit is wrong' }],
          notes: [],
        },
      ]);
      expect([await members(), await outbox()]).toEqual(before);
    });

    it('registers the good lines when asked for a partial import', async () => {
      const before = await members();
      const csv = `${HEADER}\n${good()}\nFaux;Paul;Sorcier;${rpps()};;paul@example.fr;;26362;;actif\n${good().replace('Anne', 'Bea')}\n`;
      const report = await http.call('POST', `/v1/tenants/${T}/members/import`, {
        token: coordinator,
        body: { csv, partial: true },
      });
      expect(report.body).toMatchObject({ registered: 2, refused: 1, partial: true });
      expect(report.body.lines[1]).toMatchObject({
        outcome: 'refused',
        errors: [{ field: 'Profession' }],
      });
      expect(await members()).toBe(before + 2);
      const firstId = report.body.lines[0].memberId as string;
      await waitFor(
        async () => (await staffOf(firstId)) !== undefined,
        10_000,
        'imported member in the staff pool',
      );
    });

    it('takes the CSV itself as a text/csv body', async () => {
      const csv = `${HEADER}\n${good().replace('Anne', 'Chloé')}\n`;
      const report = await http.call('POST', `/v1/tenants/${T}/members/import?partial=true`, {
        token: coordinator,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ registered: 1, refused: 0, partial: true });
    });

    it('refuses an unreadable file with a 400', async () => {
      const report = await http.call('POST', `/v1/tenants/${T}/members/import`, {
        token: coordinator,
        body: { csv: 'Nom;Prénom\nA;B\n' },
      });
      expect(report.status).toBe(400);
      expect(report.body.errors.map((e: { field: string }) => e.field)).toContain('header');
    });
  });
});
