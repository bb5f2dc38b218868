import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The campaigns service's copy of a CPTS's territory, fed by membership's tenant events. */
@Entity({ name: 'tenants' })
export class TenantTerritoryEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) communes!: string[];
  @Column('integer') revision!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
