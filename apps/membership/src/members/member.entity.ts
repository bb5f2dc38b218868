import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ConsentRecordV1,
  MemberAssociationV1,
  MemberAvailabilityV1,
  MemberSkillV1,
} from '@maillage/contracts';

/** A professional (or volunteer) of one CPTS, as its coordinator keeps them. */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'last_name' }) lastName!: string;
  @Column('text', { name: 'first_name' }) firstName!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text') profession!: string;
  @Column('text', { nullable: true }) specialty!: string | null;
  @Column('text', { name: 'identifier_kind' }) identifierKind!: 'RPPS' | 'ADELI' | 'NONE';
  @Column('text', { name: 'identifier_value', nullable: true }) identifierValue!: string | null;
  @Column('text', { array: true }) communes!: string[];
  @Column('text') status!: 'active' | 'retired' | 'student';
  @Column('jsonb') skills!: MemberSkillV1[];
  @Column('jsonb') availability!: MemberAvailabilityV1;
  @Column('boolean', { name: 'voting_rights' }) votingRights!: boolean;
  @Column('text', { name: 'structure_kind', nullable: true }) structureKind!: string | null;
  @Column('text', { name: 'structure_name', nullable: true }) structureName!: string | null;
  @Column('jsonb') association!: MemberAssociationV1;
  @Column('jsonb') consents!: ConsentRecordV1[];
  /** Grows by one at each change; carried by every member event. */
  @Column('integer') revision!: number;
  @Column('date', { name: 'left_on', nullable: true }) leftOn!: string | null;
  @Column('text', { name: 'left_reason', nullable: true }) leftReason!: string | null;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One line of a member's change log (what, when, by whom), part of their RGPD export. */
@Entity({ name: 'member_changes' })
export class MemberChangeEntity {
  @PrimaryColumn('bigint', { generated: 'increment' }) id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'member_id' }) memberId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') change!: string;
  @Column('text') actor!: string;
}
