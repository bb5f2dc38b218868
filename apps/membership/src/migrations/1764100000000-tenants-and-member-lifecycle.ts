import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants (one CPTS each, with its territory) and what a member's life in the
 * association needs: association periods and roles, consent records, the
 * revision carried by every member event, leaving, and a change log for the
 * RGPD export. Existing members get an open membership period from their
 * registration day.
 */
export class TenantsAndMemberLifecycle1764100000000 implements MigrationInterface {
  name = 'TenantsAndMemberLifecycle1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "membership".tenants (
      id text PRIMARY KEY,
      name text NOT NULL,
      legal_form text NOT NULL,
      territory jsonb NOT NULL,
      aci_agreement_date date,
      contact jsonb NOT NULL,
      revision integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    // a commune may belong to several CPTS: this index answers "which CPTS cover 26362?"
    await q.query(
      `CREATE INDEX tenants_territory_idx ON "membership".tenants USING gin (territory jsonb_path_ops)`,
    );
    await q.query(`ALTER TABLE "membership".members
      ADD COLUMN association jsonb NOT NULL DEFAULT '{"periods": [], "roles": ["member"]}',
      ADD COLUMN consents jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN revision integer NOT NULL DEFAULT 1,
      ADD COLUMN left_on date,
      ADD COLUMN left_reason text`);
    await q.query(`UPDATE "membership".members
      SET association = jsonb_build_object('periods', jsonb_build_array(jsonb_build_object('from', to_char(registered_at, 'YYYY-MM-DD'), 'duesPaid', false)), 'roles', jsonb_build_array('member'))`);
    await q.query(
      `CREATE INDEX members_skills_idx ON "membership".members USING gin (skills jsonb_path_ops)`,
    );
    await q.query(`CREATE TABLE "membership".member_changes (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      member_id uuid NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      change text NOT NULL,
      actor text NOT NULL
    )`);
    await q.query(
      `CREATE INDEX member_changes_member_idx ON "membership".member_changes (tenant_id, member_id, at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "membership".member_changes`);
    await q.query(`DROP INDEX "membership".members_skills_idx`);
    await q.query(`ALTER TABLE "membership".members
      DROP COLUMN left_reason, DROP COLUMN left_on, DROP COLUMN revision, DROP COLUMN consents, DROP COLUMN association`);
    await q.query(`DROP TABLE "membership".tenants`);
  }
}
