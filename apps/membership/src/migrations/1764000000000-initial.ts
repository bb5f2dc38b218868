import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesDown, messagingTablesUp } from '@maillage/messaging';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('membership')) await q.query(sql);
    await q.query(`CREATE TABLE "membership".members (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      last_name text NOT NULL,
      first_name text NOT NULL,
      email text,
      phone text,
      profession text NOT NULL,
      specialty text,
      identifier_kind text NOT NULL CHECK (identifier_kind IN ('RPPS', 'ADELI', 'NONE')),
      identifier_value text,
      communes text[] NOT NULL,
      status text NOT NULL,
      skills jsonb NOT NULL,
      availability jsonb NOT NULL,
      voting_rights boolean NOT NULL,
      structure_kind text,
      structure_name text,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    // a national identifier is unique within a CPTS (the same person may join another)
    await q.query(`CREATE UNIQUE INDEX members_identifier_uq ON "membership".members (tenant_id, identifier_kind, identifier_value)
      WHERE identifier_kind <> 'NONE'`);
    await q.query(`CREATE INDEX members_tenant_idx ON "membership".members (tenant_id, last_name, first_name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "membership".members`);
    for (const sql of messagingTablesDown('membership')) await q.query(sql);
  }
}
