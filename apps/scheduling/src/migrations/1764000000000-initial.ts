import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesDown, messagingTablesUp } from '@maillage/messaging';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('scheduling')) await q.query(sql);
    await q.query(`CREATE TABLE "scheduling".staff_members (
      tenant_id text NOT NULL,
      member_id uuid NOT NULL,
      display_name text NOT NULL,
      profession text NOT NULL,
      specialty text,
      skills jsonb NOT NULL,
      communes text[] NOT NULL,
      status text NOT NULL,
      availability jsonb NOT NULL,
      source text NOT NULL,
      active boolean NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, member_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scheduling".staff_members`);
    for (const sql of messagingTablesDown('scheduling')) await q.query(sql);
  }
}
