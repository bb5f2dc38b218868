import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staffing requests received from other services (campaign sessions), until a rota covers them. */
export class StaffingRequests1764500000000 implements MigrationInterface {
  name = 'StaffingRequests1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduling".staffing_requests (
      tenant_id text NOT NULL,
      request_id uuid NOT NULL,
      origin text NOT NULL,
      origin_ref text NOT NULL,
      title text NOT NULL,
      site_id text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      needs jsonb NOT NULL,
      status text NOT NULL,
      rota_id uuid,
      assigned integer NOT NULL DEFAULT 0,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, request_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scheduling".staffing_requests`);
  }
}
