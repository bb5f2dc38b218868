import { MigrationInterface, QueryRunner } from 'typeorm';

/** The answers to creating POSTs sent with an Idempotency-Key, kept a day so a retry gets the first one. */
export class IdempotencyKeys1764300000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gateway".idempotency_keys (
      tenant_id text NOT NULL,
      subject text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
      response_status integer,
      response_body jsonb,
      response_location text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (tenant_id, subject, key)
    )`);
    await q.query(
      `CREATE INDEX idempotency_keys_created_idx ON "gateway".idempotency_keys (created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway".idempotency_keys`);
  }
}
