import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites (vaccination centres, SNP sectors) with their dose supply; rota jobs,
 * rotas with their shifts and assignments (a revision per publication, so
 * calendar feeds can tell what changed); open shifts, swaps, calendar feeds.
 */
export class SitesAndRotas1764600000000 implements MigrationInterface {
  name = 'SitesAndRotas1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduling".sites (
      tenant_id text NOT NULL,
      site_id uuid NOT NULL,
      kind text NOT NULL,
      name text NOT NULL,
      commune text,
      operator text NOT NULL,
      operators jsonb NOT NULL,
      lines jsonb,
      opening_hours jsonb,
      throughput_per_box_per_hour integer,
      bands jsonb,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, site_id)
    )`);
    await q.query(`CREATE TABLE "scheduling".vaccination_sessions (
      tenant_id text NOT NULL,
      session_id uuid NOT NULL,
      site_id uuid NOT NULL,
      line text NOT NULL,
      day date NOT NULL,
      start_minute integer NOT NULL,
      end_minute integer NOT NULL,
      doses integer NOT NULL,
      boxes integer NOT NULL,
      PRIMARY KEY (tenant_id, session_id),
      UNIQUE (tenant_id, site_id, line, day, start_minute),
      FOREIGN KEY (tenant_id, site_id) REFERENCES "scheduling".sites (tenant_id, site_id)
    )`);
    await q.query(`CREATE TABLE "scheduling".rota_jobs (
      tenant_id text NOT NULL,
      job_id uuid NOT NULL,
      request jsonb NOT NULL,
      state text NOT NULL,
      progress jsonb NOT NULL,
      rota_id uuid,
      error jsonb,
      runner text,
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, job_id)
    )`);
    await q.query(`CREATE INDEX rota_jobs_state_idx ON "scheduling".rota_jobs (state, updated_at)`);
    await q.query(`CREATE TABLE "scheduling".rotas (
      tenant_id text NOT NULL,
      rota_id uuid NOT NULL,
      job_id uuid NOT NULL,
      status text NOT NULL,
      revision integer NOT NULL,
      site_ids uuid[] NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      problem jsonb NOT NULL,
      hard integer NOT NULL,
      soft double precision NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      published_at timestamptz,
      PRIMARY KEY (tenant_id, rota_id),
      UNIQUE (tenant_id, job_id)
    )`);
    await q.query(`CREATE TABLE "scheduling".rota_shifts (
      tenant_id text NOT NULL,
      rota_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      site_id uuid,
      staffing_request_id uuid,
      label text NOT NULL,
      kind text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      needs jsonb NOT NULL,
      unfilled jsonb NOT NULL,
      changed_revision integer NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, rota_id, shift_id),
      FOREIGN KEY (tenant_id, rota_id) REFERENCES "scheduling".rotas (tenant_id, rota_id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE "scheduling".rota_assignments (
      tenant_id text NOT NULL,
      rota_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      member_id uuid NOT NULL,
      role text NOT NULL,
      since_revision integer NOT NULL,
      assigned_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, rota_id, shift_id, member_id, role),
      FOREIGN KEY (tenant_id, rota_id, shift_id) REFERENCES "scheduling".rota_shifts (tenant_id, rota_id, shift_id) ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX rota_assignments_member_idx ON "scheduling".rota_assignments (tenant_id, member_id)`,
    );
    await q.query(`CREATE TABLE "scheduling".open_shifts (
      tenant_id text NOT NULL,
      open_shift_id uuid NOT NULL,
      rota_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      role text NOT NULL,
      positions integer NOT NULL,
      remaining integer NOT NULL CHECK (remaining >= 0),
      status text NOT NULL,
      claimed_by uuid[] NOT NULL DEFAULT '{}',
      explanation text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, open_shift_id)
    )`);
    await q.query(
      `CREATE INDEX open_shifts_rota_idx ON "scheduling".open_shifts (tenant_id, rota_id, shift_id, role)`,
    );
    await q.query(`CREATE TABLE "scheduling".swaps (
      tenant_id text NOT NULL,
      swap_id uuid NOT NULL,
      rota_id uuid NOT NULL,
      member_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      with_member_id uuid NOT NULL,
      with_shift_id uuid NOT NULL,
      status text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, swap_id)
    )`);
    await q.query(`CREATE TABLE "scheduling".calendar_feeds (
      tenant_id text NOT NULL,
      kind text NOT NULL,
      subject_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, kind, subject_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'calendar_feeds',
      'swaps',
      'open_shifts',
      'rota_assignments',
      'rota_shifts',
      'rotas',
      'rota_jobs',
      'vaccination_sessions',
      'sites',
    ]) {
      await q.query(`DROP TABLE "scheduling".${table}`);
    }
  }
}
