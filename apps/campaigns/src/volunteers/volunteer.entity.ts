import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VolunteerSource } from '@maillage/contracts';

@Entity({ name: 'volunteers' })
export class VolunteerEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'volunteer_id' }) volunteerId!: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId!: string;
  @Column('uuid', { name: 'session_id', nullable: true }) sessionId!: string | null;
  @Column('text') source!: VolunteerSource;
  @Column('uuid', { name: 'member_id', nullable: true }) memberId!: string | null;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { nullable: true }) profession!: string | null;
  @Column('text', { name: 'recruited_by', nullable: true }) recruitedBy!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('timestamptz', { name: 'signed_up_at' }) signedUpAt!: Date;
  @Column('text', { name: 'added_by' }) addedBy!: string;
}
