import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners (a directory shared by every CPTS: an SPSTI works with several),
 * their contacts, the agreements each CPTS signs with them, referrals, the
 * actions the radar shows and the CPTS territories it reads.
 */
export class Partners1764200000000 implements MigrationInterface {
  name = 'Partners1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "partners".partners (
      id uuid PRIMARY KEY,
      kind text NOT NULL,
      name text NOT NULL,
      siret char(14) NOT NULL,
      finess char(9),
      sectors text[] NOT NULL,
      registered_by_tenant text NOT NULL,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX partners_siret_uq ON "partners".partners (siret)`);
    await q.query(`CREATE INDEX partners_sectors_idx ON "partners".partners USING gin (sectors)`);

    await q.query(`CREATE TABLE "partners".partner_contacts (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES "partners".partners (id) ON DELETE CASCADE,
      last_name text NOT NULL,
      first_name text NOT NULL,
      role text NOT NULL,
      rpps char(11),
      email text,
      phone text,
      communes text[] NOT NULL,
      company_sirets text[] NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX partner_contacts_partner_idx ON "partners".partner_contacts (partner_id)`,
    );
    await q.query(
      `CREATE INDEX partner_contacts_communes_idx ON "partners".partner_contacts USING gin (communes)`,
    );
    await q.query(
      `CREATE INDEX partner_contacts_sirets_idx ON "partners".partner_contacts USING gin (company_sirets)`,
    );

    await q.query(`CREATE TABLE "partners".agreements (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      partner_id uuid NOT NULL REFERENCES "partners".partners (id),
      purpose text NOT NULL,
      signed_on date,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('signed', 'active', 'ended')),
      activated_at timestamptz,
      ended_at timestamptz,
      ended_on date,
      end_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (ends_on >= starts_on)
    )`);
    await q.query(
      `CREATE INDEX agreements_tenant_partner_idx ON "partners".agreements (tenant_id, partner_id)`,
    );
    await q.query(
      `CREATE INDEX agreements_partner_idx ON "partners".agreements (partner_id) WHERE status <> 'ended'`,
    );
    await q.query(
      `CREATE INDEX agreements_due_start_idx ON "partners".agreements (starts_on) WHERE status = 'signed'`,
    );
    await q.query(
      `CREATE INDEX agreements_due_end_idx ON "partners".agreements (ends_on) WHERE status <> 'ended'`,
    );

    await q.query(`CREATE TABLE "partners".agreement_clauses (
      id uuid PRIMARY KEY,
      agreement_id uuid NOT NULL REFERENCES "partners".agreements (id) ON DELETE CASCADE,
      position integer NOT NULL,
      type text NOT NULL,
      summary text,
      staff_terms jsonb,
      UNIQUE (agreement_id, position)
    )`);

    await q.query(`CREATE TABLE "partners".referrals (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      partner_id uuid NOT NULL REFERENCES "partners".partners (id),
      contact_id uuid REFERENCES "partners".partner_contacts (id),
      reference text NOT NULL,
      referrer_subject text NOT NULL,
      referrer_member_id uuid,
      status text NOT NULL CHECK (status IN ('sent', 'acknowledged', 'done')),
      sent_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      done_at timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX referrals_reference_uq ON "partners".referrals (tenant_id, partner_id, reference)`,
    );

    await q.query(`CREATE TABLE "partners".partner_actions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      communes text[] NOT NULL,
      online boolean NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      source text NOT NULL CHECK (source IN ('declared', 'campaigns')),
      source_ref text,
      cancelled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      CHECK (ends_at > starts_at)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX partner_actions_source_uq ON "partners".partner_actions (tenant_id, source, source_ref) WHERE source_ref IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX partner_actions_time_idx ON "partners".partner_actions (tenant_id, starts_at)`,
    );

    await q.query(`CREATE TABLE "partners".tenant_territories (
      tenant_id text PRIMARY KEY,
      name text NOT NULL,
      communes text[] NOT NULL,
      revision integer NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "partners".tenant_territories`);
    await q.query(`DROP TABLE "partners".partner_actions`);
    await q.query(`DROP TABLE "partners".referrals`);
    await q.query(`DROP TABLE "partners".agreement_clauses`);
    await q.query(`DROP TABLE "partners".agreements`);
    await q.query(`DROP TABLE "partners".partner_contacts`);
    await q.query(`DROP TABLE "partners".partners`);
  }
}
