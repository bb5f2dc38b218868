import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffingNeedV1 } from '@maillage/contracts';

/** A request for people another service sent (a campaign session): open until rostered or withdrawn. */
@Entity({ name: 'staffing_requests' })
export class StaffingRequestEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'request_id' }) requestId!: string;
  /** who asked: `campaigns.session` */
  @Column('text') origin!: string;
  /** the asker's id of the thing to staff (the session id) */
  @Column('text', { name: 'origin_ref' }) originRef!: string;
  @Column('text') title!: string;
  @Column('text', { name: 'site_id', nullable: true }) siteId!: string | null;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('jsonb') needs!: StaffingNeedV1[];
  @Column('text') status!: 'open' | 'rostered' | 'withdrawn';
  @Column('uuid', { name: 'rota_id', nullable: true }) rotaId!: string | null;
  @Column('integer') assigned!: number;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}
