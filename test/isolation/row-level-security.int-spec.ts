import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  MemberAvailabilityChanged,
  MemberLeft,
  SessionCancelled,
  SessionMoved,
  SessionStaffingRequested,
} from '@maillage/contracts';
import {
  createServiceDataSource,
  DEFAULT_APP_ROLE,
  enforceTenantRowSecurity,
  inTenantTransaction,
  readAcrossTenants,
} from '@maillage/database';
import { createEnvelope, JetStreamTransport } from '@maillage/messaging';
import { natsUrl, waitFor } from '@maillage/testing';
import { cptsTenant, nurse } from '../fixtures';
import { Platform, SERVICE_SCHEMAS, startPlatform } from './platform';

const A = 'cpts-a';
const B = 'cpts-b';
const VALENCE = '26362';
const inDays = (n: number): string =>
  new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Row-level security under every tenant table of every service, checked in
 * the catalogue of a platform started as in production (each service migrates
 * its schema, then puts it under RLS); a pool of one connection that alternates
 * tenants and aborts transactions leaks nothing; forged events (tenant B's
 * envelope naming tenant A's record) are dead-lettered and A's record stays.
 */
describe('row-level security', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
    const operator = await platform.http.token({ subject: 'operator', operator: true });
    for (const tenantId of [A, B])
      expect(
        (
          await platform.http.call('POST', `/v1/tenants/${tenantId}`, {
            token: operator,
            body: cptsTenant(),
          })
        ).status,
      ).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  describe('the catalogue', () => {
    it('has RLS enabled and forced, with the tenant policy, on every table with a tenant_id column of every service schema', async () => {
      const { rows } = await platform.db.query<{
        schema: string;
        name: string;
        enabled: boolean;
        forced: boolean;
        policies: string[];
      }>(
        `SELECT n.nspname AS schema, c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                array(SELECT p.polname::text FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY 1) AS policies
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
          ORDER BY 1, 2`,
        [SERVICE_SCHEMAS],
      );
      for (const schema of ['membership', 'scheduling', 'campaigns', 'partners'])
        expect({ schema, tables: rows.filter((r) => r.schema === schema).length > 2 }).toEqual({
          schema,
          tables: true,
        });
      const uncovered = rows.filter(
        (r) =>
          !r.enabled ||
          !r.forced ||
          !r.policies.includes('maillage_tenant') ||
          !r.policies.includes('maillage_read_across'),
      );
      expect(uncovered).toEqual([]);
      // the owner's cross-tenant access is on the backbone's tables only
      const ownerPolicies = rows
        .filter((r) => r.policies.includes('maillage_backbone_owner'))
        .map((r) => r.name);
      expect([...new Set(ownerPolicies)].sort()).toEqual(['inbox', 'outbox']);
      const { rows: policies } = await platform.db.query<{
        qual: string;
        check: string;
        roles: string[];
      }>(
        `SELECT qual, with_check AS check, roles::text[] AS roles FROM pg_policies WHERE policyname = 'maillage_tenant' AND schemaname = ANY($1)`,
        [SERVICE_SCHEMAS],
      );
      expect(policies.length).toBe(rows.length);
      for (const policy of policies) {
        expect(policy.roles).toEqual([DEFAULT_APP_ROLE]);
        expect(policy.qual).toMatch(/current_setting\('app\.tenant_id'::text, true\)/);
        expect(policy.check).toMatch(/current_setting\('app\.tenant_id'::text, true\)/);
      }
    });

    it('has an application role that is no superuser, cannot bypass RLS nor log in, and owns nothing', async () => {
      const { rows } = await platform.db.query(
        `SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb,
                (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
                (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas
           FROM pg_roles r WHERE rolname = $1`,
        [DEFAULT_APP_ROLE],
      );
      expect(rows).toEqual([
        {
          rolsuper: false,
          rolbypassrls: false,
          rolcanlogin: false,
          rolcreaterole: false,
          rolcreatedb: false,
          relations: 0,
          schemas: 0,
        },
      ]);
    });
  });

  describe('a pool of one connection', () => {
    let pool: DataSource;
    const a1 = randomUUID();
    const b1 = randomUUID();
    const insertStaff =
      (tenantId: string, memberId: string) => (manager: { query: DataSource['query'] }) =>
        manager.query(
          `INSERT INTO "scheduling".staff_members (tenant_id, member_id, display_name, profession, skills, communes, status, availability, source, active, updated_at)
         VALUES ($1, $2, 'Test', 'nurse', '[]', '{}', 'active', '{"weekly": [], "exceptions": []}', 'member', true, now())`,
          [tenantId, memberId],
        );
    const staffSeen = (manager: { query: DataSource['query'] }): Promise<string[]> =>
      manager
        .query(
          `SELECT member_id FROM "scheduling".staff_members WHERE member_id = ANY($1) ORDER BY 1`,
          [[a1, b1]],
        )
        .then((rows: { member_id: string }[]) => rows.map((r) => r.member_id));
    const connectionState = async () =>
      (
        await pool.query(
          `SELECT current_user AS "user", coalesce(current_setting('app.tenant_id', true), '') AS tenant, coalesce(current_setting('app.read_tenants', true), '') AS reading, pg_backend_pid() AS pid`,
        )
      )[0];

    beforeAll(async () => {
      pool = createServiceDataSource({
        url: platform.databaseUrl,
        schema: 'scheduling',
        entities: [],
        migrations: [],
        poolSize: 1,
      });
      await pool.initialize();
      await enforceTenantRowSecurity(pool, 'scheduling');
      await inTenantTransaction(pool, A, insertStaff(A, a1));
      await inTenantTransaction(pool, B, insertStaff(B, b1));
    });

    afterAll(async () => {
      await pool?.destroy();
    });

    it('shows each tenant its rows only, alternating on the same connection, and leaves the connection as it found it', async () => {
      const clean = await connectionState();
      expect(clean.tenant).toBe('');
      for (let i = 0; i < 10; i++) {
        const tenantId = i % 2 ? B : A;
        const seen = await inTenantTransaction(pool, tenantId, async (manager) => ({
          rows: await staffSeen(manager),
          state: (await manager.query(`SELECT current_user AS "user", pg_backend_pid() AS pid`))[0],
        }));
        expect(seen.rows).toEqual([tenantId === A ? a1 : b1]);
        expect(seen.state).toEqual({ user: DEFAULT_APP_ROLE, pid: clean.pid });
        expect(await connectionState()).toEqual(clean);
      }
    });

    it('refuses, inside a tenant transaction, to write or change another tenant’s rows', async () => {
      await expect(inTenantTransaction(pool, A, insertStaff(B, randomUUID()))).rejects.toThrow(
        /row-level security/,
      );
      const changed = await inTenantTransaction(pool, A, async (manager) => [
        (
          await manager.query(
            `UPDATE "scheduling".staff_members SET display_name = 'Volé' WHERE member_id = $1`,
            [b1],
          )
        )[1],
        (
          await manager.query(`DELETE FROM "scheduling".staff_members WHERE member_id = $1`, [b1])
        )[1],
      ]);
      expect(changed).toEqual([0, 0]);
      expect(await inTenantTransaction(pool, B, staffSeen)).toEqual([b1]);
    });

    it('leaks neither the tenant nor the role of an aborted transaction to the next user of the connection', async () => {
      const clean = await connectionState();
      await expect(
        inTenantTransaction(pool, A, async (manager) => {
          expect(await staffSeen(manager)).toEqual([a1]);
          throw new Error('the handler failed');
        }),
      ).rejects.toThrow('the handler failed');
      expect(await connectionState()).toEqual(clean);
      await expect(
        inTenantTransaction(pool, A, (manager) => manager.query('SELECT 1 / 0')),
      ).rejects.toThrow(/division by zero/);
      expect(await connectionState()).toEqual(clean);
      expect(await inTenantTransaction(pool, B, staffSeen)).toEqual([b1]);
      // a transaction of the application role naming no tenant sees nothing
      expect(await readAcrossTenants(pool, [], staffSeen)).toEqual([]);
    });

    it('reads across the tenants a transaction names, and only reads', async () => {
      expect(await readAcrossTenants(pool, [A], staffSeen)).toEqual([a1]);
      expect((await readAcrossTenants(pool, [A, B], staffSeen)).sort()).toEqual([a1, b1].sort());
      expect((await readAcrossTenants(pool, '*', staffSeen)).sort()).toEqual([a1, b1].sort());
      await expect(readAcrossTenants(pool, [A], insertStaff(A, randomUUID()))).rejects.toThrow(
        /read-only/,
      );
      expect(await connectionState()).toMatchObject({ tenant: '', reading: '' });
    });
  });

  describe('forged events', () => {
    let wire: JetStreamTransport;

    beforeAll(async () => {
      wire = new JetStreamTransport({ url: natsUrl(), prefix: platform.prefix, name: 'forger' });
      await wire.connect();
    });

    afterAll(async () => {
      await wire?.close();
    });

    const deadLettered = (schema: string, eventId: string) =>
      waitFor(
        async () =>
          (
            await platform.db.query(`SELECT 1 FROM "${schema}".dead_letter WHERE event_id = $1`, [
              eventId,
            ])
          ).rowCount! >= 1,
        30_000,
        `the forged event in ${schema}.dead_letter`,
      );

    it("dead-letters tenant B's availability change of tenant A's member, and A's staff entry stays as it was", async () => {
      const coordinator = await platform.http.token({
        subject: 'coordinator@a',
        tenants: { [A]: ['coordinator'] },
      });
      const created = await platform.http.call('POST', `/v1/tenants/${A}/members`, {
        token: coordinator,
        body: nurse(),
      });
      expect(created.status).toBe(201);
      const memberId = created.body.memberId as string;
      const staffRow = async () =>
        (
          await platform.db.query(
            `SELECT tenant_id, availability, revision FROM "scheduling".staff_members WHERE member_id = $1`,
            [memberId],
          )
        ).rows;
      await waitFor(
        async () => (await staffRow()).length === 1,
        15_000,
        "A's member in the staff pool",
      );
      const before = await staffRow();

      const forged = createEnvelope(
        MemberAvailabilityChanged,
        {
          memberId,
          availability: { weekly: [{ weekday: 7, start: '00:00', end: '23:59' }], exceptions: [] },
          revision: 999,
        } as never,
        { tenantId: B, correlationId: 'forged-availability' },
      );
      await wire.publish(forged);
      await deadLettered('scheduling', forged.eventId);
      expect(await staffRow()).toEqual(before);
    });

    it("dead-letters tenant B's departure of tenant A's member in campaigns and scheduling, and A's member stays active in both", async () => {
      const coordinator = await platform.http.token({
        subject: 'coordinator@a',
        tenants: { [A]: ['coordinator'] },
      });
      const created = await platform.http.call('POST', `/v1/tenants/${A}/members`, {
        token: coordinator,
        body: nurse({ identifierValue: '99700218896', firstName: 'Julie' }),
      });
      expect(created.status).toBe(201);
      const memberId = created.body.memberId as string;
      const rows = async () => ({
        campaigns: (
          await platform.db.query(
            `SELECT tenant_id, active, revision FROM "campaigns".members WHERE member_id = $1`,
            [memberId],
          )
        ).rows,
        scheduling: (
          await platform.db.query(
            `SELECT tenant_id, active, revision FROM "scheduling".staff_members WHERE member_id = $1`,
            [memberId],
          )
        ).rows,
      });
      await waitFor(
        async () => {
          const { campaigns, scheduling } = await rows();
          return campaigns.length === 1 && scheduling.length === 1;
        },
        15_000,
        "A's member in campaigns and scheduling",
      );
      const before = await rows();
      const forged = createEnvelope(
        MemberLeft,
        { memberId, leftOn: inDays(1), revision: 999 } as never,
        {
          tenantId: B,
          correlationId: 'forged-departure',
        },
      );
      await wire.publish(forged);
      await deadLettered('campaigns', forged.eventId);
      await deadLettered('scheduling', forged.eventId);
      expect(await rows()).toEqual(before);
    });

    it("dead-letters tenant B's move of tenant A's campaign session, and A's action on the partners' radar stays as it was", async () => {
      const coordinator = await platform.http.token({
        subject: 'coordinator@a',
        tenants: { [A]: ['coordinator'] },
      });
      let campaign = { status: 0, body: {} as Record<string, string> };
      await waitFor(
        async () => {
          campaign = await platform.http.call('POST', `/v1/tenants/${A}/campaigns`, {
            token: coordinator,
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
          return campaign.status === 201;
        },
        15_000,
        'a campaign in A (campaigns learns the territory from membership)',
      );
      const session = await platform.http.call(
        'POST',
        `/v1/tenants/${A}/campaigns/${campaign.body.campaignId}/sessions`,
        {
          token: coordinator,
          body: {
            title: 'Dépistage ICOPE',
            format: 'screening-day',
            place: { kind: 'village-hall', label: 'Salle des fêtes', commune: VALENCE },
            startsAt: `${inDays(40)}T09:00:00+02:00`,
            endsAt: `${inDays(40)}T12:00:00+02:00`,
            capacity: 40,
            staffingNeeds: [],
          },
        },
      );
      expect(session.status).toBe(201);
      const sessionId = session.body.sessionId as string;
      const action = async () =>
        (
          await platform.db.query(
            `SELECT tenant_id, starts_at, ends_at, cancelled FROM "partners".partner_actions WHERE source_ref = $1`,
            [sessionId],
          )
        ).rows;
      await waitFor(
        async () => (await action()).length === 1,
        15_000,
        "A's session on the partners' radar",
      );
      const before = await action();

      const forged = createEnvelope(
        SessionMoved,
        {
          campaignId: campaign.body.campaignId,
          sessionId,
          place: { kind: 'village-hall', label: 'Ailleurs', commune: VALENCE },
          startsAt: `${inDays(60)}T09:00:00+02:00`,
          endsAt: `${inDays(60)}T12:00:00+02:00`,
          previousStartsAt: `${inDays(40)}T09:00:00+02:00`,
          previousEndsAt: `${inDays(40)}T12:00:00+02:00`,
          movedBy: 'coordinator',
          notified: [],
        },
        { tenantId: B, correlationId: 'forged-move' },
      );
      await wire.publish(forged);
      await deadLettered('partners', forged.eventId);
      expect(await action()).toEqual(before);
    });

    it("dead-letters tenant B's cancellation of tenant A's staffing request, and A's request stays open", async () => {
      const requestId = randomUUID();
      const campaignId = randomUUID();
      const sessionId = randomUUID();
      await wire.publish(
        createEnvelope(
          SessionStaffingRequested,
          {
            requestId,
            tenantId: A,
            campaignId,
            sessionId,
            title: 'Dépistage ICOPE',
            place: { kind: 'village-hall', label: 'Salle des fêtes', commune: VALENCE },
            startsAt: `${inDays(40)}T09:00:00+02:00`,
            endsAt: `${inDays(40)}T12:00:00+02:00`,
            needs: [{ profession: 'nurse', count: 2 }],
          },
          { tenantId: A, correlationId: 'staffing-request' },
        ),
      );
      const request = async () =>
        (
          await platform.db.query(
            `SELECT tenant_id, status FROM "scheduling".staffing_requests WHERE request_id = $1`,
            [requestId],
          )
        ).rows;
      await waitFor(
        async () => (await request()).length === 1,
        15_000,
        "A's staffing request in scheduling",
      );
      const forged = createEnvelope(
        SessionCancelled,
        {
          campaignId,
          sessionId,
          staffingRequestId: requestId,
          reason: 'forged',
          cancelledBy: 'coordinator',
          notified: [],
        },
        { tenantId: B, correlationId: 'forged-cancel' },
      );
      await wire.publish(forged);
      await deadLettered('scheduling', forged.eventId);
      expect(await request()).toEqual([{ tenant_id: A, status: 'open' }]);
    });
  });
});
