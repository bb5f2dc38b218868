import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns, their sessions, volunteers, announcements, and the read models they need from membership and scheduling. */
export class Campaigns1764200000000 implements MigrationInterface {
  name = 'Campaigns1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "campaigns".tenants (
      tenant_id text PRIMARY KEY,
      name text NOT NULL,
      communes text[] NOT NULL,
      revision integer NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE "campaigns".members (
      tenant_id text NOT NULL,
      member_id uuid NOT NULL,
      display_name text NOT NULL,
      profession text NOT NULL,
      skills text[] NOT NULL,
      communes text[] NOT NULL,
      active boolean NOT NULL,
      revision integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, member_id)
    )`);
    await q.query(`CREATE TABLE "campaigns".campaigns (
      tenant_id text NOT NULL,
      campaign_id uuid NOT NULL,
      title text NOT NULL,
      theme text NOT NULL,
      aci_mission text NOT NULL,
      target jsonb NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      objectives jsonb NOT NULL,
      owner_member_id uuid,
      owner_name text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, campaign_id),
      CHECK (period_start <= period_end)
    )`);
    await q.query(`CREATE TABLE "campaigns".sessions (
      tenant_id text NOT NULL,
      session_id uuid NOT NULL,
      campaign_id uuid NOT NULL,
      title text NOT NULL,
      format text NOT NULL,
      place jsonb NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 0),
      staffing_needs jsonb NOT NULL,
      vaccination_session_id text,
      status text NOT NULL,
      cancel_reason text,
      staffing_request_id uuid,
      participants integer CHECK (participants >= 0),
      screenings_done integer CHECK (screenings_done >= 0),
      referred_to_gp integer CHECK (referred_to_gp >= 0),
      outcome_recorded_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, session_id),
      FOREIGN KEY (tenant_id, campaign_id) REFERENCES "campaigns".campaigns (tenant_id, campaign_id),
      CHECK (starts_at < ends_at)
    )`);
    await q.query(
      `CREATE INDEX sessions_campaign_idx ON "campaigns".sessions (tenant_id, campaign_id, starts_at)`,
    );
    await q.query(
      `CREATE INDEX sessions_vaccination_idx ON "campaigns".sessions (tenant_id, vaccination_session_id) WHERE vaccination_session_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX sessions_staffing_request_idx ON "campaigns".sessions (staffing_request_id) WHERE staffing_request_id IS NOT NULL`,
    );
    await q.query(`CREATE TABLE "campaigns".session_assignments (
      tenant_id text NOT NULL,
      session_id uuid NOT NULL,
      rota_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      member_id uuid NOT NULL,
      display_name text NOT NULL,
      profession text,
      skill text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, session_id, shift_id, member_id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES "campaigns".sessions (tenant_id, session_id)
    )`);
    await q.query(
      `CREATE INDEX session_assignments_rota_idx ON "campaigns".session_assignments (tenant_id, rota_id)`,
    );
    await q.query(`CREATE TABLE "campaigns".rota_revisions (
      tenant_id text NOT NULL,
      rota_id uuid NOT NULL,
      revision integer NOT NULL,
      PRIMARY KEY (tenant_id, rota_id)
    )`);
    await q.query(`CREATE TABLE "campaigns".volunteers (
      tenant_id text NOT NULL,
      volunteer_id uuid NOT NULL,
      campaign_id uuid NOT NULL,
      session_id uuid,
      source text NOT NULL,
      member_id uuid,
      display_name text NOT NULL,
      profession text,
      recruited_by text,
      email text,
      signed_up_at timestamptz NOT NULL,
      added_by text NOT NULL,
      PRIMARY KEY (tenant_id, volunteer_id),
      FOREIGN KEY (tenant_id, campaign_id) REFERENCES "campaigns".campaigns (tenant_id, campaign_id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES "campaigns".sessions (tenant_id, session_id),
      CHECK ((source = 'member') = (member_id IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX volunteers_member_once_idx ON "campaigns".volunteers
      (tenant_id, campaign_id, COALESCE(session_id, '00000000-0000-0000-0000-000000000000'::uuid), member_id) WHERE member_id IS NOT NULL`);
    await q.query(`CREATE TABLE "campaigns".notifications (
      tenant_id text NOT NULL,
      notification_id uuid NOT NULL,
      session_id uuid NOT NULL,
      kind text NOT NULL,
      member_id uuid,
      volunteer_id uuid,
      display_name text NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, notification_id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES "campaigns".sessions (tenant_id, session_id)
    )`);
    await q.query(`CREATE TABLE "campaigns".announcements (
      tenant_id text NOT NULL,
      announcement_id uuid NOT NULL,
      campaign_id uuid NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      audience jsonb NOT NULL,
      sent_by text NOT NULL,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, announcement_id),
      FOREIGN KEY (tenant_id, campaign_id) REFERENCES "campaigns".campaigns (tenant_id, campaign_id)
    )`);
    await q.query(`CREATE TABLE "campaigns".announcement_recipients (
      tenant_id text NOT NULL,
      announcement_id uuid NOT NULL,
      member_id uuid NOT NULL,
      display_name text NOT NULL,
      PRIMARY KEY (tenant_id, announcement_id, member_id),
      FOREIGN KEY (tenant_id, announcement_id) REFERENCES "campaigns".announcements (tenant_id, announcement_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'announcement_recipients',
      'announcements',
      'notifications',
      'volunteers',
      'rota_revisions',
      'session_assignments',
      'sessions',
      'campaigns',
      'members',
      'tenants',
    ]) {
      await q.query(`DROP TABLE "campaigns".${table}`);
    }
  }
}
