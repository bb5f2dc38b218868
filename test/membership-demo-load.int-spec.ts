import { Client } from 'pg';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
  waitFor,
} from '@maillage/testing';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { loadDemoCpts } from '../apps/membership/src/demo/demo-loader';
import { startFrontDoor } from './front-door';

/** `npm run demo:load` against a gateway: the demo CPTS through the HTTP API, into membership and scheduling's staff pool. */
describe('demo CPTS loader', () => {
  let membership: RunningService;
  let scheduling: RunningService;
  let gateway: RunningService;
  let db: Client;
  let baseUrl: string;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    scheduling = await startService({
      databaseUrl,
      prefix,
      module: (r) => SchedulingModule.register(r, 'warn'),
    });
    // No CPTS opened here: the loader opens its own.
    ({ membership, gateway } = await startFrontDoor({ databaseUrl, prefix }));
    baseUrl = await gateway.app.getUrl();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    await scheduling?.stop();
    await membership?.stop();
  });

  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].n);

  it('opens CPTS Sud-Valence with its 12 communes and registers its 213 members, every one reaching the staff pool', async () => {
    const result = await loadDemoCpts({ baseUrl });
    expect(result.refused).toEqual([]);
    expect(result).toMatchObject({ tenantId: 'cpts-sud-valence', created: true, registered: 213 });
    const territory = (
      await db.query(`SELECT territory FROM membership.tenants WHERE id = 'cpts-sud-valence'`)
    ).rows[0].territory;
    expect(territory).toHaveLength(12);
    expect(
      await count(
        `SELECT count(*) AS n FROM membership.members WHERE profession = 'doctor' AND specialty = 'general-practice'`,
      ),
    ).toBe(85);
    expect(
      await count(`SELECT count(*) AS n FROM membership.members WHERE profession = 'nurse'`),
    ).toBe(80);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM scheduling.staff_members WHERE tenant_id = 'cpts-sud-valence'`,
        )) === 213,
      30_000,
      'the staff pool',
    );
  });

  it('leaves an existing demo CPTS alone when run again', async () => {
    const again = await loadDemoCpts({ baseUrl });
    expect(again).toMatchObject({ created: false, registered: 0 });
    expect(await count(`SELECT count(*) AS n FROM membership.members`)).toBe(213);
  });
});
