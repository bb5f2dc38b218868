import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberAvailabilityV1, MemberSkillV1 } from '@maillage/contracts';

/**
 * Scheduling's own read model of a person it may staff, fed by membership's
 * events (and partners' staff loans): never read from another service's tables.
 */
@Entity({ name: 'staff_members' })
export class StaffMemberEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text') profession!: string;
  @Column('text', { nullable: true }) specialty!: string | null;
  @Column('jsonb') skills!: MemberSkillV1[];
  @Column('text', { array: true }) communes!: string[];
  @Column('text') status!: string;
  @Column('jsonb') availability!: MemberAvailabilityV1;
  @Column('text') source!: 'member' | 'lent';
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** Revision of the last membership event applied; older ones are ignored. */
  @Column('integer') revision!: number;
  @Column('date', { name: 'left_on', nullable: true }) leftOn!: string | null;
  /** Set when membership erased the person: the row is pseudonymised, never named again. */
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
}
