import { MigrationInterface, QueryRunner } from 'typeorm';

/** The members a call-out was broadcast to: a member lists the open shifts meant for them. */
export class OpenShiftAudience1764600000001 implements MigrationInterface {
  name = 'OpenShiftAudience1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "scheduling".open_shifts ADD COLUMN audience uuid[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "scheduling".open_shifts DROP COLUMN audience`);
  }
}
