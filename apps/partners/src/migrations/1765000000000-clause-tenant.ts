import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clauses carry their tenant, so row-level security covers them like every
 * other tenant table (it used to reach them only through their agreement).
 */
export class ClauseTenant1765000000000 implements MigrationInterface {
  name = 'ClauseTenant1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "partners".agreement_clauses ADD COLUMN tenant_id text`);
    // the owner reads every agreement for the backfill; security is forced again after migrations
    await q.query(`ALTER TABLE "partners".agreements NO FORCE ROW LEVEL SECURITY`);
    await q.query(`UPDATE "partners".agreement_clauses c SET tenant_id = a.tenant_id
                     FROM "partners".agreements a WHERE a.id = c.agreement_id`);
    await q.query(`ALTER TABLE "partners".agreement_clauses ALTER COLUMN tenant_id SET NOT NULL`);
    await q.query(`CREATE INDEX agreement_clauses_tenant_idx ON "partners".agreement_clauses (tenant_id, agreement_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS maillage_tenant ON "partners".agreement_clauses`);
    await q.query(`DROP POLICY IF EXISTS maillage_read_across ON "partners".agreement_clauses`);
    await q.query(`ALTER TABLE "partners".agreement_clauses NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "partners".agreement_clauses DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP INDEX "partners".agreement_clauses_tenant_idx`);
    await q.query(`ALTER TABLE "partners".agreement_clauses DROP COLUMN tenant_id`);
  }
}
