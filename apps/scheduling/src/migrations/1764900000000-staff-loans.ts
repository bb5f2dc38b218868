import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People a partner lends under an agreement: they sit in the staff pool
 * (source 'lent') for one scope (sites, campaigns) and one period, within
 * hour caps. A loan ended before its lending event arrived is kept as a
 * tombstone (ended_on set, terms empty) so the late event cannot revive it.
 */
export class StaffLoans1764900000000 implements MigrationInterface {
  name = 'StaffLoans1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduling".staff_loans (
      tenant_id text NOT NULL,
      staff_id uuid NOT NULL,
      agreement_id uuid NOT NULL,
      partner_id uuid NOT NULL,
      clause_id uuid,
      partner_name text,
      site_ids text[] NOT NULL DEFAULT '{}',
      campaign_ids text[] NOT NULL DEFAULT '{}',
      starts_on date,
      ends_on date,
      max_hours_per_week integer,
      max_hours_per_month integer,
      rpps text,
      ended_on date,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, staff_id)
    )`);
    await q.query(
      `CREATE INDEX staff_loans_agreement_idx ON "scheduling".staff_loans (tenant_id, agreement_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scheduling".staff_loans`);
  }
}
