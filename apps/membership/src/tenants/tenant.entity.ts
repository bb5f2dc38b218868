import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TenantContactV1, TerritoryCommuneV1 } from '@maillage/contracts';

/** One CPTS: its territory (communes with their département and EPCI), ACI date and contact. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'legal_form' }) legalForm!: 'association' | 'association-alsace-moselle';
  @Column('jsonb') territory!: TerritoryCommuneV1[];
  @Column('date', { name: 'aci_agreement_date', nullable: true }) aciAgreementDate!: string | null;
  @Column('jsonb') contact!: TenantContactV1;
  @Column('integer') revision!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
