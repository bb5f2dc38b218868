import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The terms under which a lent person is in the staff pool (see the staff-loans migration). */
@Entity({ name: 'staff_loans' })
export class StaffLoanEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'staff_id' }) staffId!: string;
  @Column('uuid', { name: 'agreement_id' }) agreementId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('uuid', { name: 'clause_id', nullable: true }) clauseId!: string | null;
  @Column('text', { name: 'partner_name', nullable: true }) partnerName!: string | null;
  @Column('text', { name: 'site_ids', array: true }) siteIds!: string[];
  @Column('text', { name: 'campaign_ids', array: true }) campaignIds!: string[];
  @Column('date', { name: 'starts_on', nullable: true }) startsOn!: string | null;
  @Column('date', { name: 'ends_on', nullable: true }) endsOn!: string | null;
  @Column('integer', { name: 'max_hours_per_week', nullable: true }) maxHoursPerWeek!:
    number | null;
  @Column('integer', { name: 'max_hours_per_month', nullable: true }) maxHoursPerMonth!:
    number | null;
  @Column('text', { nullable: true }) rpps!: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
