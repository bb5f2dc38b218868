import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgreementStatus, ClauseType, StaffMadeAvailableViewV1 } from '@maillage/contracts';

/** A convention between one CPTS (the tenant) and a partner. Dates are days in Europe/Paris. */
@Entity({ name: 'agreements' })
export class AgreementEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') purpose!: string;
  @Column('date', { name: 'signed_on', nullable: true }) signedOn!: string | null;
  @Column('date', { name: 'starts_on' }) startsOn!: string;
  @Column('date', { name: 'ends_on' }) endsOn!: string;
  @Column('text') status!: AgreementStatus;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt!: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!:
    'term-reached' | 'ended-early' | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One typed clause; a staff loan keeps its people (with their staff ids), scope and caps. */
@Entity({ name: 'agreement_clauses' })
export class AgreementClauseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'agreement_id' }) agreementId!: string;
  @Column('integer') position!: number;
  @Column('text') type!: ClauseType;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('jsonb', { name: 'staff_terms', nullable: true })
  staffTerms!: StaffMadeAvailableViewV1 | null;
}
