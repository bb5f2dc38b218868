import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AciMission,
  CampaignObjectiveV1,
  CampaignTheme,
  TargetPopulationV1,
} from '@maillage/contracts';

@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId!: string;
  @Column('text') title!: string;
  @Column('text') theme!: CampaignTheme;
  @Column('text', { name: 'aci_mission' }) aciMission!: AciMission;
  @Column('jsonb') target!: TargetPopulationV1;
  /** calendar dates, YYYY-MM-DD (a `date` column read back as text) */
  @Column('date', { name: 'period_start' }) periodStart!: string;
  @Column('date', { name: 'period_end' }) periodEnd!: string;
  @Column('jsonb') objectives!: CampaignObjectiveV1[];
  @Column('uuid', { name: 'owner_member_id', nullable: true }) ownerMemberId!: string | null;
  @Column('text', { name: 'owner_name', nullable: true }) ownerName!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
