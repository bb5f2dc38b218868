import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaign sessions feed the radar: actions remember their campaign, whose title arrives on its own event. */
export class CampaignFeed1764300000000 implements MigrationInterface {
  name = 'CampaignFeed1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "partners".partner_actions ADD COLUMN campaign_id uuid`);
    await q.query(`CREATE TABLE "partners".campaign_titles (
      tenant_id text NOT NULL,
      campaign_id uuid NOT NULL,
      title text NOT NULL,
      PRIMARY KEY (tenant_id, campaign_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "partners".campaign_titles`);
    await q.query(`ALTER TABLE "partners".partner_actions DROP COLUMN campaign_id`);
  }
}
