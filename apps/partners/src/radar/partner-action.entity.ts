import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActionKind } from '@maillage/contracts';

/** An action of a CPTS its partners may want to join: declared to them, or learnt from campaigns. */
@Entity({ name: 'partner_actions' })
export class PartnerActionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') kind!: ActionKind;
  @Column('text') title!: string;
  @Column('text', { array: true }) communes!: string[];
  @Column('boolean') online!: boolean;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('text') source!: 'declared' | 'campaigns';
  @Column('text', { name: 'source_ref', nullable: true }) sourceRef!: string | null;
  /** for a campaign session: its campaign, whose title the radar shows */
  @Column('uuid', { name: 'campaign_id', nullable: true }) campaignId!: string | null;
  @Column('boolean') cancelled!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** Partners' read model of a CPTS territory (from membership's tenant events). */
@Entity({ name: 'tenant_territories' })
export class TenantTerritoryEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) communes!: string[];
  @Column('integer') revision!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** Titles of campaigns, from campaigns.campaign.created.v1 (sessions carry only their place). */
@Entity({ name: 'campaign_titles' })
export class CampaignTitleEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId!: string;
  @Column('text') title!: string;
}
