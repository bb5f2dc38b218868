import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who a published rota put on a session: replaced at each publication of that rota. */
@Entity({ name: 'session_assignments' })
export class SessionAssignmentEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'session_id' }) sessionId!: string;
  @PrimaryColumn('uuid', { name: 'shift_id' }) shiftId!: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId!: string;
  @Column('uuid', { name: 'rota_id' }) rotaId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { nullable: true }) profession!: string | null;
  @Column('text', { nullable: true }) skill!: string | null;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
}

/** The last revision of each rota applied, so that a late, older publication changes nothing. */
@Entity({ name: 'rota_revisions' })
export class RotaRevisionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'rota_id' }) rotaId!: string;
  @Column('integer') revision!: number;
}
