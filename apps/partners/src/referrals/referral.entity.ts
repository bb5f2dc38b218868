import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralStatus } from '@maillage/contracts';

/** A case oriented to a partner: who, to whom, when — never what (no medical content). */
@Entity({ name: 'referrals' })
export class ReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'contact_id', nullable: true }) contactId!: string | null;
  @Column('text') reference!: string;
  @Column('text', { name: 'referrer_subject' }) referrerSubject!: string;
  @Column('uuid', { name: 'referrer_member_id', nullable: true }) referrerMemberId!: string | null;
  @Column('text') status!: ReferralStatus;
  @Column('timestamptz', { name: 'sent_at' }) sentAt!: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt!: Date | null;
}
