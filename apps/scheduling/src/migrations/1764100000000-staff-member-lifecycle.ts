import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff pool follows a member's whole life: the revision of the last
 * membership event applied (a late, older event must not undo a newer one),
 * the day they left, and erasure (the row stays, pseudonymised, so past rotas
 * keep their member id).
 */
export class StaffMemberLifecycle1764100000000 implements MigrationInterface {
  name = 'StaffMemberLifecycle1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "scheduling".staff_members
      ADD COLUMN revision integer NOT NULL DEFAULT 0,
      ADD COLUMN left_on date,
      ADD COLUMN erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "scheduling".staff_members DROP COLUMN erased_at, DROP COLUMN left_on, DROP COLUMN revision`,
    );
  }
}
