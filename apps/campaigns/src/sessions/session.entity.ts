import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  SessionFormat,
  SessionPlaceV1,
  SessionStatus,
  StaffingNeedV1,
} from '@maillage/contracts';

@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'session_id' }) sessionId!: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId!: string;
  @Column('text') title!: string;
  @Column('text') format!: SessionFormat;
  @Column('jsonb') place!: SessionPlaceV1;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('integer') capacity!: number;
  @Column('jsonb', { name: 'staffing_needs' }) staffingNeeds!: StaffingNeedV1[];
  @Column('text', { name: 'vaccination_session_id', nullable: true }) vaccinationSessionId!:
    string | null;
  @Column('text') status!: SessionStatus;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @Column('uuid', { name: 'staffing_request_id', nullable: true }) staffingRequestId!:
    string | null;
  @Column('integer', { nullable: true }) participants!: number | null;
  @Column('integer', { name: 'screenings_done', nullable: true }) screeningsDone!: number | null;
  @Column('integer', { name: 'referred_to_gp', nullable: true }) referredToGp!: number | null;
  @Column('timestamptz', { name: 'outcome_recorded_at', nullable: true })
  outcomeRecordedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
