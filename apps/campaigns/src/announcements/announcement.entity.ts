import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AnnouncementAudienceV1 } from '@maillage/contracts';

@Entity({ name: 'announcements' })
export class AnnouncementEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'announcement_id' }) announcementId!: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId!: string;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  @Column('jsonb') audience!: AnnouncementAudienceV1;
  @Column('text', { name: 'sent_by' }) sentBy!: string;
  @Column('timestamptz', { name: 'sent_at' }) sentAt!: Date;
}

/** Who an announcement went to, as the audience matched at the moment it was sent. */
@Entity({ name: 'announcement_recipients' })
export class AnnouncementRecipientEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'announcement_id' }) announcementId!: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
}
