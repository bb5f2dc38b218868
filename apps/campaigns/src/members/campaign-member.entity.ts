import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who may volunteer or receive an announcement: a read model of membership's members. */
@Entity({ name: 'members' })
export class CampaignMemberEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text') profession!: string;
  @Column('text', { array: true }) skills!: string[];
  @Column('text', { array: true }) communes!: string[];
  @Column('boolean') active!: boolean;
  @Column('integer') revision!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
