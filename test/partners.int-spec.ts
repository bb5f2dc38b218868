import { DataSource } from 'typeorm';
import {
  AgreementEnded,
  CampaignCreated,
  EventContract,
  SessionCancelled,
  SessionPlanned,
  StaffLent,
  TenantRegistered,
} from '@maillage/contracts';
import { luhnKey } from '@maillage/identifiers';
import { createEnvelope, JetStreamTransport } from '@maillage/messaging';
import { SERVICE_DATA_SOURCE } from '@maillage/platform';
import {
  createTestDatabase,
  createTestPrefix,
  natsUrl,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { AgreementClock } from '../apps/partners/src/agreements/agreement-clock';
import { parisDay } from '../apps/partners/src/agreements/agreement-rules';
import { PartnersModule } from '../apps/partners/src/partners.module';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { HttpClient } from './fixtures';
import { startFrontDoor } from './front-door';

/**
 * The partners service in distributed mode — partners, scheduling and the
 * gateway as three Nest apps on real PostgreSQL and NATS — with the Tarbes
 * story: an SPSTI lends its staff to a CPTS vaccination centre.
 */

const TARBES = 'cpts-tarbes';
const LOURDES = 'cpts-lourdes';
const TOULOUSE = 'cpts-toulouse';

/** A valid SIRET of SIREN 732829320 with the given 4-digit establishment prefix. */
const siret = (nic4: string): string => {
  const body = `732829320${nic4}`;
  return body + luhnKey(body);
};

const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('partners, distributed mode', () => {
  let databaseUrl: string;
  let prefix: string;
  let partners: RunningService;
  let scheduling: RunningService;
  let gateway: RunningService;
  let membership: RunningService;
  let http: HttpClient;
  let db: DataSource;
  let coordinator: string;
  let member: string;
  let spstiUser: string;
  let dacUser: string;
  let spstiId: string;
  let dacId: string;
  const today = parisDay(new Date());
  const companySiret = siret('0002');

  const token = async (claims: Record<string, unknown>): Promise<string> => {
    const { status, body } = await http.call('POST', '/dev-issuer/token', { body: claims });
    if (status !== 201) throw new Error(`dev issuer answered ${status}`);
    return body.access_token as string;
  };
  const count = async (table: string): Promise<number> =>
    Number((await db.query(`SELECT count(*)::int AS n FROM "partners".${table}`))[0].n);
  const counts = async (): Promise<Record<string, number>> => ({
    partners: await count('partners'),
    contacts: await count('partner_contacts'),
    agreements: await count('agreements'),
    clauses: await count('agreement_clauses'),
    referrals: await count('referrals'),
    outbox: await count('outbox'),
  });
  const staffClause = (
    siteIds: string[],
    people: object[] = [
      {
        lastName: 'Lacoste',
        firstName: 'Anne',
        profession: 'nurse',
        skills: [{ code: 'can-vaccinate' }],
      },
    ],
  ) => ({
    type: 'staff-made-available',
    summary: 'Staff of the SPSTI at the vaccination centre',
    staffMadeAvailable: {
      staff: people,
      scope: { siteIds, campaignIds: [] },
      maxHoursPerWeek: 8,
      maxHoursPerMonth: 30,
    },
  });
  const staffOf = (agreement: any): string[] =>
    agreement.clauses.flatMap(
      (c: any) => c.staffMadeAvailable?.staff.map((p: any) => p.staffId) ?? [],
    );
  const poolEntry = (staffId: string) =>
    http.call('GET', `/v1/tenants/${TARBES}/staff/${staffId}`, { token: coordinator });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    prefix = createTestPrefix();
    partners = await startService({
      databaseUrl,
      prefix,
      module: (r) => PartnersModule.register(r, 'warn', { agreementClockMs: 0 }),
    });
    scheduling = await startService({
      databaseUrl,
      prefix,
      module: (r) => SchedulingModule.register(r, 'warn'),
    });
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [
        [TARBES, { communes: ['65440'] }],
        [LOURDES, { communes: ['65286', '65417'] }],
        [TOULOUSE, { communes: ['31555'] }],
      ],
    }));
    db = partners.app.get<DataSource>(SERVICE_DATA_SOURCE);
    coordinator = await token({
      subject: 'coordination@tarbes',
      tenants: {
        [TARBES]: ['coordinator'],
        [LOURDES]: ['coordinator'],
        [TOULOUSE]: ['coordinator'],
      },
    });
    member = await token({
      subject: 'dr-martin',
      tenants: { [TARBES]: ['member'] },
      memberId: '6f1f0a52-7a0c-4c47-9d3c-1b2f3e4d5a6b',
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await membership?.stop();
    await scheduling?.stop();
    await partners?.stop();
  });

  describe('registering partners', () => {
    it('refuses invalid identifiers and communes with a 400 naming the field, and writes nothing', async () => {
      const before = await counts();
      const valid = { kind: 'spsti', name: 'ASMT 65', siret: siret('0001'), sectors: ['65440'] };
      const cases: [object, string][] = [
        [{ ...valid, siret: '73282932000075' }, 'siret'],
        [{ ...valid, siret: '7328293200007' }, 'siret'],
        [{ ...valid, kind: 'hospital' }, 'finess'],
        [{ ...valid, kind: 'ehpad', finess: '010003821' }, 'finess'],
        [{ ...valid, sectors: ['65000'] }, 'sectors'],
        [
          {
            ...valid,
            contacts: [
              {
                lastName: 'Durand',
                firstName: 'Hélène',
                role: 'occupational-physician',
                companySirets: ['12345678901234'],
              },
            ],
          },
          'contacts[0].companySirets',
        ],
        [
          {
            ...valid,
            contacts: [
              {
                lastName: 'Durand',
                firstName: 'Hélène',
                role: 'occupational-physician',
                rpps: '10101201234',
              },
            ],
          },
          'contacts[0].rpps',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await http.call('POST', `/v1/tenants/${TARBES}/partners`, {
          token: coordinator,
          body,
        });
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await counts()).toEqual(before);
    });

    it('registers an SPSTI with its sectors and contacts, a DAC, and a La Poste establishment under its own checksum rule', async () => {
      const spsti = await http.call('POST', `/v1/tenants/${TARBES}/partners`, {
        token: coordinator,
        body: {
          kind: 'spsti',
          name: 'ASMT 65',
          siret: siret('0001'),
          sectors: ['65440', '65417', '65286'],
          contacts: [
            {
              lastName: 'Durand',
              firstName: 'Hélène',
              role: 'occupational-physician',
              rpps: '10005173140',
              communes: ['65440'],
              companySirets: [companySiret],
            },
            {
              lastName: 'Abadie',
              firstName: 'Paul',
              role: 'referent',
              email: 'referent@asmt65.example.fr',
            },
          ],
        },
      });
      expect(spsti.status).toBe(201);
      expect(spsti.body).toMatchObject({
        kind: 'spsti',
        siret: siret('0001'),
        sectors: ['65440', '65417', '65286'],
      });
      expect(spsti.body.contacts).toHaveLength(2);
      spstiId = spsti.body.partnerId;

      const dac = await http.call('POST', `/v1/tenants/${TARBES}/partners`, {
        token: coordinator,
        body: { kind: 'dac', name: 'DAC 65', siret: siret('0003'), sectors: ['65440', '65059'] },
      });
      expect(dac.status).toBe(201);
      dacId = dac.body.partnerId;

      const hospital = await http.call('POST', `/v1/tenants/${TARBES}/partners`, {
        token: coordinator,
        body: {
          kind: 'hospital',
          name: 'CH de Bigorre',
          siret: siret('0004'),
          finess: '01 000 382 0',
          sectors: ['65440'],
        },
      });
      expect(hospital.status).toBe(201);
      expect(hospital.body.finess).toBe('010003820');

      const laPoste = await http.call('POST', `/v1/tenants/${TARBES}/partners`, {
        token: coordinator,
        body: {
          kind: 'other',
          name: 'La Poste Tarbes',
          siret: '35600000000006',
          sectors: ['65440'],
        },
      });
      expect(laPoste.status).toBe(201);

      const again = await http.call('POST', `/v1/tenants/${LOURDES}/partners`, {
        token: coordinator,
        body: { kind: 'spsti', name: 'ASMT 65 bis', siret: siret('0001'), sectors: ['65286'] },
      });
      expect(again.status).toBe(409);
      expect(again.body.errors[0].field).toBe('siret');

      spstiUser = await token({
        subject: 'dr-durand@asmt65',
        tenants: { [TARBES]: ['partner'], [LOURDES]: ['partner'] },
        partnerId: spstiId,
      });
      dacUser = await token({
        subject: 'relay@dac65',
        tenants: { [TARBES]: ['partner'] },
        partnerId: dacId,
      });
    });
  });

  describe('staff lent under an agreement', () => {
    let agreement: any;

    it('starts an agreement recorded on its first day at once: its people join the scheduling pool for that scope and period', async () => {
      const response = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Staff of the SPSTI at the CPTS vaccination centre',
          signedOn: today,
          startsOn: today,
          endsOn: addDays(today, 90),
          clauses: [
            staffClause(
              ['centre-vaccination-tarbes'],
              [
                {
                  lastName: 'Lacoste',
                  firstName: 'Anne',
                  profession: 'nurse',
                  skills: [{ code: 'can-vaccinate' }],
                },
                {
                  lastName: 'Fourcade',
                  firstName: 'Marc',
                  profession: 'doctor',
                  skills: [{ code: 'can-vaccinate' }],
                  rpps: '99700218896',
                },
              ],
            ),
            {
              type: 'referral-pathway',
              summary: 'Early referral to the occupational physician (pre-return visit)',
            },
          ],
        },
      });
      expect(response.status).toBe(201);
      agreement = response.body;
      expect(agreement.status).toBe('active');
      const [anne, marc] = staffOf(agreement);

      let entry = await poolEntry(anne);
      await waitFor(
        async () => (entry = await poolEntry(anne)).status === 200,
        10_000,
        'the lent nurse in the staff pool',
      );
      expect(entry.body).toMatchObject({
        memberId: anne,
        displayName: 'Anne Lacoste',
        profession: 'nurse',
        source: 'lent',
        active: true,
        loan: {
          agreementId: agreement.agreementId,
          partnerId: spstiId,
          partnerName: 'ASMT 65',
          siteIds: ['centre-vaccination-tarbes'],
          campaignIds: [],
          startsOn: today,
          endsOn: addDays(today, 90),
          maxHoursPerWeek: 8,
          maxHoursPerMonth: 30,
        },
      });
      await waitFor(
        async () => (await poolEntry(marc)).status === 200,
        10_000,
        'the lent doctor in the staff pool',
      );
      const events: { subject: string }[] = await db.query(
        `SELECT subject FROM "partners".outbox WHERE envelope->'payload'->>'agreementId' = $1`,
        [agreement.agreementId],
      );
      expect(events.map((e) => e.subject)).toEqual(['partners.staff.lent.v1']);
    });

    it('refuses an overlapping agreement for the same clause with a 409 naming the clause, and writes nothing', async () => {
      const before = await counts();
      const overlapping = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Second loan to the same centre',
          startsOn: addDays(today, 60),
          endsOn: addDays(today, 120),
          clauses: [
            staffClause(['centre-vaccination-lourdes']),
            staffClause(['centre-vaccination-tarbes']),
          ],
        },
      });
      expect(overlapping.status).toBe(409);
      expect(overlapping.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'startsOn', reason: expect.any(String) },
          {
            field: 'clauses[1]',
            reason: expect.stringContaining(
              `site centre-vaccination-tarbes is already covered by agreement ${agreement.agreementId}`,
            ),
          },
        ]),
      );
      const sameType = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Referrals again',
          startsOn: addDays(today, 1),
          endsOn: addDays(today, 10),
          clauses: [{ type: 'referral-pathway' }],
        },
      });
      expect(sameType.status).toBe(409);
      expect(sameType.body.errors.map((e: { field: string }) => e.field)).toContain('clauses[0]');

      const badShape = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Backwards',
          startsOn: addDays(today, 200),
          endsOn: addDays(today, 199),
          clauses: [staffClause(['x'])],
        },
      });
      expect(badShape.status).toBe(400);
      expect(badShape.body.errors.map((e: { field: string }) => e.field)).toEqual(['endsOn']);
      expect(await counts()).toEqual(before);

      // after the first agreement's period, the same site may be lent again
      const later = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Next season',
          startsOn: addDays(today, 91),
          endsOn: addDays(today, 180),
          clauses: [staffClause(['centre-vaccination-tarbes'])],
        },
      });
      expect(later.status).toBe(201);
      expect(later.body.status).toBe('signed');
    });

    it('drops the lent people from the pool when the agreement is ended', async () => {
      const ended = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/agreements/${agreement.agreementId}/end`,
        { token: coordinator },
      );
      expect(ended.status).toBe(200);
      expect(ended.body.status).toBe('ended');
      for (const staffId of staffOf(agreement)) {
        let entry = await poolEntry(staffId);
        await waitFor(
          async () => (entry = await poolEntry(staffId)).body.active === false,
          10_000,
          'the lent person to leave the pool',
        );
        expect(entry.body.loan.endedOn).toBe(today);
      }
      const again = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/agreements/${agreement.agreementId}/end`,
        { token: coordinator },
      );
      expect(again.status).toBe(409);
    });

    it('lets the clock start an agreement on its first day and end it after its last, once even when run twice', async () => {
      const startsOn = addDays(today, 200);
      const endsOn = addDays(today, 230);
      const created = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Winter campaign',
          startsOn,
          endsOn,
          clauses: [staffClause(['centre-vaccination-bagneres'])],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('signed');
      const [staffId] = staffOf(created.body);
      await partners.outboxDrained();
      expect((await poolEntry(staffId)).status).toBe(404);

      const clock = partners.app.get(AgreementClock);
      const onFirstDay = new Date(`${startsOn}T08:00:00+01:00`);
      const [first, second] = await Promise.all([
        clock.runDue(onFirstDay),
        clock.runDue(onFirstDay),
      ]);
      expect(
        [...first.activated, ...second.activated].filter((id) => id === created.body.agreementId),
      ).toHaveLength(1);
      await waitFor(
        async () => (await poolEntry(staffId)).body?.active === true,
        10_000,
        'the clock-started loan in the pool',
      );

      const afterEnd = new Date(`${addDays(endsOn, 1)}T08:00:00+01:00`);
      const ended = await clock.runDue(afterEnd);
      expect(ended.ended).toContain(created.body.agreementId);
      let entry = await poolEntry(staffId);
      await waitFor(
        async () => (entry = await poolEntry(staffId)).body.active === false,
        10_000,
        'the loan to end',
      );
      expect(entry.body.loan.endedOn).toBe(endsOn);
      const lifecycle: { subject: string }[] = await db.query(
        `SELECT subject FROM "partners".outbox WHERE envelope->'payload'->>'agreementId' = $1 ORDER BY created_at`,
        [created.body.agreementId],
      );
      expect(lifecycle.map((e) => e.subject)).toEqual([
        'partners.staff.lent.v1',
        'partners.agreement.ended.v1',
      ]);
    });
  });

  describe('scheduling and out-of-order events', () => {
    it('keeps a loan out of the pool when its end arrives before its start, and refuses a forged tenant', async () => {
      const publisher = new JetStreamTransport({ url: natsUrl(), prefix, name: 'test-publisher' });
      await publisher.connect();
      const agreementId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
      const staffId = '8b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
      try {
        await publisher.publish(
          createEnvelope(
            AgreementEnded,
            {
              tenantId: TARBES,
              agreementId,
              partnerId: spstiId,
              endedOn: today,
              reason: 'ended-early',
              staffIds: [staffId],
            },
            { tenantId: TARBES, correlationId: 'partners-int-spec' },
          ),
        );
        const schedulingDb = scheduling.app.get<DataSource>(SERVICE_DATA_SOURCE);
        await waitFor(
          async () =>
            (
              (await schedulingDb.query(
                `SELECT 1 FROM "scheduling".staff_loans WHERE staff_id = $1`,
                [staffId],
              )) as unknown[]
            ).length === 1,
          10_000,
          'the tombstone of the ended loan',
        );
        const lent = {
          tenantId: TARBES,
          agreementId,
          clauseId: agreementId,
          partnerId: spstiId,
          partnerName: 'ASMT 65',
          scope: { siteIds: ['centre-late'], campaignIds: [] },
          startsOn: today,
          endsOn: addDays(today, 10),
          maxHoursPerWeek: 4,
          staff: [
            { staffId, lastName: 'Late', firstName: 'Event', profession: 'nurse', skills: [] },
          ],
        };
        await publisher.publish(
          createEnvelope(StaffLent, lent, { tenantId: TARBES, correlationId: 'partners-int-spec' }),
        );
        let entry = await poolEntry(staffId);
        await waitFor(
          async () => (entry = await poolEntry(staffId)).status === 200,
          10_000,
          'the late lending event to be applied',
        );
        expect(entry.body).toMatchObject({
          source: 'lent',
          active: false,
          loan: { endedOn: today, siteIds: ['centre-late'] },
        });

        // a payload naming another CPTS than its envelope is dead-lettered, never applied
        const forgedStaff = '9c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
        await publisher.publish(
          createEnvelope(
            StaffLent,
            { ...lent, tenantId: LOURDES, staff: [{ ...lent.staff[0], staffId: forgedStaff }] },
            { tenantId: TARBES, correlationId: 'partners-int-spec' },
          ),
        );
        await waitFor(
          async () =>
            (
              (await schedulingDb.query(
                `SELECT 1 FROM "scheduling".dead_letter WHERE reason LIKE '%differs from the envelope tenant%'`,
              )) as unknown[]
            ).length === 1,
          10_000,
          'the forged event in the dead letters',
        );
        expect((await poolEntry(forgedStaff)).status).toBe(404);
      } finally {
        await publisher.close();
      }
    });
  });

  describe('starting an agreement by hand', () => {
    it('brings a signed agreement forward to today, lends its staff, and refuses a second start', async () => {
      const created = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Maubourguet centre',
          startsOn: addDays(today, 300),
          endsOn: addDays(today, 320),
          clauses: [staffClause(['centre-vaccination-maubourguet'])],
        },
      });
      expect(created.body.status).toBe('signed');
      const started = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/agreements/${created.body.agreementId}/activate`,
        { token: coordinator },
      );
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({
        status: 'active',
        startsOn: today,
        endsOn: addDays(today, 320),
      });
      const [staffId] = staffOf(created.body);
      let entry = await poolEntry(staffId);
      await waitFor(
        async () => (entry = await poolEntry(staffId)).body?.active === true,
        10_000,
        'the early-started loan in the pool',
      );
      expect(entry.body.loan).toMatchObject({
        startsOn: today,
        siteIds: ['centre-vaccination-maubourguet'],
      });
      const again = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/agreements/${created.body.agreementId}/activate`,
        { token: coordinator },
      );
      expect(again.status).toBe(409);
    });

    it('refuses to bring an agreement forward onto the period of another for the same site, and changes nothing', async () => {
      const current = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Vic now',
          startsOn: today,
          endsOn: addDays(today, 30),
          clauses: [staffClause(['centre-vaccination-vic'])],
        },
      });
      expect(current.body.status).toBe('active');
      const next = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Vic next',
          startsOn: addDays(today, 31),
          endsOn: addDays(today, 60),
          clauses: [staffClause(['centre-vaccination-vic'])],
        },
      });
      expect(next.status).toBe(201);
      const before = await counts();
      const early = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/agreements/${next.body.agreementId}/activate`,
        { token: coordinator },
      );
      expect(early.status).toBe(409);
      expect(early.body.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'clauses[0]',
            reason: expect.stringContaining(`agreement ${current.body.agreementId}`),
          },
        ]),
      );
      expect(await counts()).toEqual(before);
      const unchanged = await http.call(
        'GET',
        `/v1/tenants/${TARBES}/agreements/${next.body.agreementId}`,
        { token: coordinator },
      );
      expect(unchanged.body).toMatchObject({ status: 'signed', startsOn: addDays(today, 31) });
    });
  });

  describe('what a partner user sees', () => {
    let spstiReferral: string;

    beforeAll(async () => {
      // the DAC has its own agreement with Tarbes; the SPSTI also works with Lourdes
      const dacAgreement = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: dacId,
          purpose: 'DAC relay',
          startsOn: today,
          endsOn: addDays(today, 365),
          clauses: [{ type: 'information-sharing' }],
        },
      });
      expect(dacAgreement.status).toBe(201);
      const lourdes = await http.call('POST', `/v1/tenants/${LOURDES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Referrals in Lourdes',
          startsOn: today,
          endsOn: addDays(today, 365),
          clauses: [{ type: 'referral-pathway' }],
        },
      });
      expect(lourdes.status).toBe(201);
      // Tarbes keeps a referral pathway with the SPSTI after its first agreement ended
      const pathway = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: coordinator,
        body: {
          partnerId: spstiId,
          purpose: 'Long-Covid pathway',
          startsOn: today,
          endsOn: addDays(today, 365),
          clauses: [{ type: 'referral-pathway' }],
        },
      });
      expect(pathway.status).toBe(201);
    });

    it('lists only the agreements of its own partner, and cannot open another one', async () => {
      const mine = await http.call('GET', `/v1/tenants/${TARBES}/agreements`, { token: dacUser });
      expect(mine.status).toBe(200);
      expect(mine.body.agreements.length).toBe(1);
      expect(mine.body.agreements.every((a: any) => a.partnerId === dacId)).toBe(true);

      const spstiAgreements = await http.call('GET', `/v1/tenants/${TARBES}/agreements`, {
        token: spstiUser,
      });
      expect(spstiAgreements.body.agreements.length).toBeGreaterThan(1);
      expect(spstiAgreements.body.agreements.every((a: any) => a.partnerId === spstiId)).toBe(true);

      const foreign = await http.call(
        'GET',
        `/v1/tenants/${TARBES}/agreements/${spstiAgreements.body.agreements[0].agreementId}`,
        { token: dacUser },
      );
      expect(foreign.status).toBe(404);
      const filtered = await http.call(
        'GET',
        `/v1/tenants/${TARBES}/agreements?partnerId=${spstiId}`,
        { token: dacUser },
      );
      expect(filtered.body.agreements).toEqual([]);
      expect(
        (await http.call('GET', `/v1/tenants/${TARBES}/partners/${spstiId}`, { token: dacUser }))
          .status,
      ).toBe(404);
      const ownEntry = await http.call('GET', `/v1/tenants/${TARBES}/partners`, { token: dacUser });
      expect(ownEntry.body.partners.map((p: any) => p.partnerId)).toEqual([dacId]);
    });

    it('cannot act for the CPTS: recording or ending agreements is refused', async () => {
      const create = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: spstiUser,
        body: {
          partnerId: spstiId,
          purpose: 'self-signed',
          startsOn: today,
          endsOn: today,
          clauses: [{ type: 'training' }],
        },
      });
      expect(create.status).toBe(403);
      // nor can a partner user who is also a member of the CPTS
      const forged = await token({
        subject: 'x',
        tenants: { [TARBES]: ['partner', 'member'] },
        partnerId: spstiId,
      });
      const viaMember = await http.call('POST', `/v1/tenants/${TARBES}/agreements`, {
        token: forged,
        body: {
          partnerId: spstiId,
          purpose: 'self-signed',
          startsOn: today,
          endsOn: today,
          clauses: [{ type: 'training' }],
        },
      });
      expect(viaMember.status).toBe(403);
    });

    it('sees the referrals sent to it only, and moves them sent → acknowledged → done', async () => {
      const invalid = await http.call('POST', `/v1/tenants/${TARBES}/referrals`, {
        token: member,
        body: { partnerId: spstiId, reference: 'Jean Dupont' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('reference');

      const toSpsti = await http.call('POST', `/v1/tenants/${TARBES}/referrals`, {
        token: member,
        body: { partnerId: spstiId, reference: 'LC-2026-014' },
      });
      expect(toSpsti.status).toBe(201);
      expect(toSpsti.body).toMatchObject({
        status: 'sent',
        referrerSubject: 'dr-martin',
        referrerMemberId: '6f1f0a52-7a0c-4c47-9d3c-1b2f3e4d5a6b',
      });
      spstiReferral = toSpsti.body.referralId;
      const toDac = await http.call('POST', `/v1/tenants/${TARBES}/referrals`, {
        token: member,
        body: { partnerId: dacId, reference: 'CX-2026-002' },
      });
      expect(toDac.status).toBe(201);
      const duplicate = await http.call('POST', `/v1/tenants/${TARBES}/referrals`, {
        token: member,
        body: { partnerId: spstiId, reference: 'LC-2026-014' },
      });
      expect(duplicate.status).toBe(409);

      const dacList = await http.call('GET', `/v1/tenants/${TARBES}/referrals`, { token: dacUser });
      expect(dacList.body.referrals.map((r: any) => r.reference)).toEqual(['CX-2026-002']);
      expect(
        (
          await http.call('POST', `/v1/tenants/${TARBES}/referrals/${spstiReferral}/acknowledge`, {
            token: dacUser,
          })
        ).status,
      ).toBe(404);

      expect(
        (
          await http.call('POST', `/v1/tenants/${TARBES}/referrals/${spstiReferral}/complete`, {
            token: spstiUser,
          })
        ).status,
      ).toBe(409);
      const acknowledged = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/referrals/${spstiReferral}/acknowledge`,
        { token: spstiUser },
      );
      expect(acknowledged.body).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: expect.any(String),
      });
      const done = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/referrals/${spstiReferral}/complete`,
        { token: spstiUser },
      );
      expect(done.body).toMatchObject({ status: 'done', doneAt: expect.any(String) });
    });

    it('reads the overlap radar: actions of every CPTS it works with on its sectors, grouped where they overlap', async () => {
      const declare = (tenantId: string, body: object) =>
        http.call('POST', `/v1/tenants/${tenantId}/partner-actions`, { token: coordinator, body });
      const day = addDays(today, 20);
      const at = (time: string): string => `${day}T${time}:00+01:00`;
      const actions = await Promise.all([
        declare(TARBES, {
          kind: 'campaign-session',
          title: 'Vaccination Tarbes',
          communes: ['65440'],
          online: false,
          startsAt: at('09:00'),
          endsAt: at('12:00'),
        }),
        declare(LOURDES, {
          kind: 'rcp',
          title: 'RCP maintien en emploi',
          communes: ['65417'],
          online: false,
          startsAt: at('11:00'),
          endsAt: at('13:00'),
        }),
        declare(LOURDES, {
          kind: 'information-evening',
          title: 'Soirée directives anticipées',
          communes: ['65286'],
          online: false,
          startsAt: at('18:00'),
          endsAt: at('20:00'),
        }),
        declare(TARBES, {
          kind: 'campaign-session',
          title: 'ICOPE Bagnères',
          communes: ['65059'],
          online: false,
          startsAt: at('09:00'),
          endsAt: at('12:00'),
        }),
        declare(TOULOUSE, {
          kind: 'rcp',
          title: 'RCP Toulouse',
          communes: ['65440'],
          online: false,
          startsAt: at('09:00'),
          endsAt: at('12:00'),
        }),
      ]);
      expect(actions.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      const invalid = await declare(TARBES, {
        kind: 'rcp',
        title: 'x',
        communes: ['65440'],
        online: false,
        startsAt: at('12:00'),
        endsAt: at('11:00'),
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('endsAt');

      const window = `from=${encodeURIComponent(`${day}T00:00:00+01:00`)}&to=${encodeURIComponent(`${addDays(day, 1)}T00:00:00+01:00`)}`;
      const radar = await http.call('GET', `/v1/tenants/${TARBES}/partner-radar?${window}`, {
        token: spstiUser,
      });
      expect(radar.status).toBe(200);
      expect(
        radar.body.groups.map((g: any) => ({
          overlapping: g.overlapping,
          titles: g.actions.map((a: any) => a.title),
          tenants: g.tenantIds,
        })),
      ).toEqual([
        // Tarbes and Séméac share an EPCI: the two CPTS compete for the same representative at 11:00
        {
          overlapping: true,
          titles: ['Vaccination Tarbes', 'RCP maintien en emploi'],
          tenants: [LOURDES, TARBES],
        },
        { overlapping: false, titles: ['Soirée directives anticipées'], tenants: [LOURDES] },
      ]);

      // the DAC works with Tarbes only, and its sectors are Tarbes and Bagnères
      const dacRadar = await http.call('GET', `/v1/tenants/${TARBES}/partner-radar?${window}`, {
        token: dacUser,
      });
      const dacTitles = dacRadar.body.groups.map((g: any) =>
        g.actions.map((a: any) => a.title).join(),
      );
      expect(dacTitles.sort()).toEqual(['ICOPE Bagnères', 'Vaccination Tarbes']);
      expect(dacRadar.body.groups).toHaveLength(2);
      expect(
        (
          await http.call('GET', `/v1/tenants/${TARBES}/partner-radar?${window}`, {
            token: coordinator,
          })
        ).status,
      ).toBe(403);
    });

    it('feeds the radar from campaign sessions and CPTS territories published by the other services', async () => {
      const publisher = new JetStreamTransport({ url: natsUrl(), prefix, name: 'test-publisher' });
      await publisher.connect();
      const publish = <P extends object>(
        contract: EventContract<P>,
        tenantId: string,
        payload: P,
      ) =>
        publisher.publish(
          createEnvelope(contract, payload, { tenantId, correlationId: 'partners-int-spec' }),
        );
      const day = addDays(today, 40);
      const at = (time: string): string => `${day}T${time}:00+01:00`;
      const campaignId = '0b7c6a64-1f0e-4c59-8f3c-5a1d2e3f4a5b';
      try {
        await publish(TenantRegistered, LOURDES, {
          tenantId: LOURDES,
          name: 'CPTS Pays de Lourdes',
          legalForm: 'association',
          territory: [
            { code: '65286', name: 'Lourdes', departmentCode: '65' },
            { code: '65417', name: 'Séméac', departmentCode: '65' },
          ],
          departmentCodes: ['65'],
          epciCodes: [],
          contact: { name: 'Coordination', email: 'coordination@cpts-lourdes.example' },
          revision: 1,
        });
        await publish(CampaignCreated, TARBES, {
          campaignId,
          title: 'Vaccination grippe 2026',
          theme: 'seasonal-vaccination',
          aciMission: 'prevention',
          periodStart: today,
          periodEnd: addDays(today, 60),
          communes: ['65440', '65417'],
        });
        const session = (
          sessionId: string,
          label: string,
          commune: string,
          start: string,
          end: string,
          online = false,
        ) => ({
          campaignId,
          sessionId,
          format: online ? ('webinar' as const) : ('screening-day' as const),
          place: { kind: online ? ('online' as const) : ('village-hall' as const), label, commune },
          startsAt: at(start),
          endsAt: at(end),
          capacity: 40,
        });
        await publish(
          SessionPlanned,
          TARBES,
          session(
            '1d4c8a52-2b1e-4f6a-9c7d-0e1f2a3b4c5d',
            'Salle des fêtes de Séméac',
            '65417',
            '09:00',
            '12:00',
          ),
        );
        await publish(
          SessionPlanned,
          TARBES,
          session(
            '2e5d9b63-3c2f-4a7b-8d8e-1f2a3b4c5d6e',
            'Gymnase de Tarbes',
            '65440',
            '14:00',
            '17:00',
          ),
        );
        await publish(SessionCancelled, TARBES, {
          campaignId,
          sessionId: '2e5d9b63-3c2f-4a7b-8d8e-1f2a3b4c5d6e',
          reason: 'no doses',
          cancelledBy: 'coordinator',
          notified: [],
        });
        // an online action of Lourdes, declared with no commune: placed on the Lourdes territory
        const webinar = await http.call('POST', `/v1/tenants/${LOURDES}/partner-actions`, {
          token: coordinator,
          body: {
            kind: 'webinar',
            title: 'Webinaire long Covid',
            communes: [],
            online: true,
            startsAt: at('10:00'),
            endsAt: at('11:00'),
          },
        });
        expect(webinar.status).toBe(201);

        const window = `from=${encodeURIComponent(`${day}T00:00:00+01:00`)}&to=${encodeURIComponent(`${addDays(day, 1)}T00:00:00+01:00`)}`;
        let radar: { status: number; body: any } = { status: 0, body: undefined };
        await waitFor(
          async () => {
            // every event applied (the cancellation too) before the radar is read
            const applied = (await db.query(
              `SELECT count(*) FILTER (WHERE cancelled)::int AS cancelled, count(*)::int AS sessions
                 FROM "partners".partner_actions WHERE source = 'campaigns'`,
            )) as { cancelled: number; sessions: number }[];
            const territory = (await db.query(
              `SELECT 1 FROM "partners".tenant_territories WHERE tenant_id = $1`,
              [LOURDES],
            )) as unknown[];
            if (applied[0].sessions !== 2 || applied[0].cancelled !== 1 || territory.length !== 1)
              return false;
            radar = await http.call('GET', `/v1/tenants/${TARBES}/partner-radar?${window}`, {
              token: spstiUser,
            });
            return (
              radar.body?.groups?.[0]?.actions?.[0]?.title?.startsWith(
                'Vaccination grippe 2026',
              ) === true
            );
          },
          10_000,
          'the campaign session and the webinar on the radar',
        );
        expect(
          radar.body.groups.map((g: any) => ({
            overlapping: g.overlapping,
            titles: g.actions.map((a: any) => a.title),
            tenants: g.tenantIds,
          })),
        ).toEqual([
          {
            overlapping: true,
            titles: ['Vaccination grippe 2026 — Salle des fêtes de Séméac', 'Webinaire long Covid'],
            tenants: [LOURDES, TARBES],
          },
        ]);
      } finally {
        await publisher.close();
      }
    });

    it('documents the partners routes in the OpenAPI document', async () => {
      const docs = await http.call('GET', '/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/tenants/{tenantId}/partners',
          '/v1/tenants/{tenantId}/partners/{partnerId}',
          '/v1/tenants/{tenantId}/partners/{partnerId}/sectors',
          '/v1/tenants/{tenantId}/partners/{partnerId}/contacts',
          '/v1/tenants/{tenantId}/contact-point',
          '/v1/tenants/{tenantId}/agreements',
          '/v1/tenants/{tenantId}/agreements/{agreementId}',
          '/v1/tenants/{tenantId}/agreements/{agreementId}/activate',
          '/v1/tenants/{tenantId}/agreements/{agreementId}/end',
          '/v1/tenants/{tenantId}/referrals',
          '/v1/tenants/{tenantId}/referrals/{referralId}/acknowledge',
          '/v1/tenants/{tenantId}/referrals/{referralId}/complete',
          '/v1/tenants/{tenantId}/partner-actions',
          '/v1/tenants/{tenantId}/partner-radar',
        ]),
      );
      expect(docs.body.components.schemas.CreateAgreementV1.required).toEqual(
        expect.arrayContaining(['partnerId', 'startsOn', 'endsOn', 'clauses']),
      );
    });

    it('answers the single contact point for a company, a commune and a commune only in the sectors', async () => {
      const ask = (query: string) =>
        http.call('GET', `/v1/tenants/${TARBES}/contact-point?${query}`, { token: member });
      const byCompany = await ask(`siret=${companySiret}&kind=spsti`);
      expect(byCompany.status).toBe(200);
      expect(byCompany.body.matches).toEqual([
        expect.objectContaining({
          partnerId: spstiId,
          matchedBy: 'company',
          contact: expect.objectContaining({ lastName: 'Durand', role: 'occupational-physician' }),
        }),
      ]);
      const byCommune = await ask('commune=65440&kind=spsti');
      expect(byCommune.body.matches).toEqual([
        expect.objectContaining({
          matchedBy: 'commune',
          contact: expect.objectContaining({ lastName: 'Durand' }),
        }),
      ]);
      const bySector = await ask('commune=65286');
      expect(bySector.body.matches).toEqual([
        expect.objectContaining({
          partnerId: spstiId,
          matchedBy: 'sector',
          contact: expect.objectContaining({ lastName: 'Abadie', role: 'referent' }),
        }),
      ]);
      const invalid = await ask('commune=65000');
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('commune');
    });
  });
  describe('keeping the directory', () => {
    it("lets a partner keep its own sectors and contacts, not another's", async () => {
      const sectors = ['65440', '65417', '65286'];
      const own = await http.call('PUT', `/v1/tenants/${TARBES}/partners/${spstiId}/sectors`, {
        token: spstiUser,
        body: { sectors },
      });
      expect(own.status).toBe(200);
      expect(own.body.sectors).toEqual(sectors);
      const invalid = await http.call('PUT', `/v1/tenants/${TARBES}/partners/${spstiId}/sectors`, {
        token: spstiUser,
        body: { sectors: ['65000'] },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('sectors');
      expect(
        (
          await http.call('PUT', `/v1/tenants/${TARBES}/partners/${spstiId}/sectors`, {
            token: dacUser,
            body: { sectors },
          })
        ).status,
      ).toBe(404);
      // Toulouse neither registered nor signed with the SPSTI
      expect(
        (
          await http.call('PUT', `/v1/tenants/${TOULOUSE}/partners/${spstiId}/sectors`, {
            token: coordinator,
            body: { sectors },
          })
        ).status,
      ).toBe(403);

      const before = await count('partner_contacts');
      const contact = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/partners/${spstiId}/contacts`,
        {
          token: spstiUser,
          body: {
            lastName: 'Cazaux',
            firstName: 'Julie',
            role: 'occupational-nurse',
            communes: ['65417'],
          },
        },
      );
      expect(contact.status).toBe(201);
      const refused = await http.call(
        'POST',
        `/v1/tenants/${TARBES}/partners/${spstiId}/contacts`,
        {
          token: spstiUser,
          body: {
            lastName: 'Cazaux',
            firstName: 'Julie',
            role: 'occupational-nurse',
            communes: ['2A999'],
          },
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('communes');
      expect(await count('partner_contacts')).toBe(before + 1);
    });

    it("shows a partner's contacts only to CPTS that registered or signed with it", async () => {
      const linked = await http.call('GET', `/v1/tenants/${TARBES}/partners/${spstiId}`, {
        token: coordinator,
      });
      expect(linked.body.contacts.length).toBeGreaterThan(0);
      const stranger = await http.call('GET', `/v1/tenants/${TOULOUSE}/partners/${spstiId}`, {
        token: coordinator,
      });
      expect(stranger.status).toBe(200);
      expect(stranger.body.contacts).toEqual([]);
      const bySiret = await http.call(
        'GET',
        `/v1/tenants/${TOULOUSE}/partners?siret=${siret('0001')}`,
        { token: coordinator },
      );
      expect(bySiret.body.partners.map((p: any) => p.partnerId)).toEqual([spstiId]);
    });
  });
});
