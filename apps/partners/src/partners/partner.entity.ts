import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactRole, PartnerKind } from '@maillage/contracts';

/** An organisation CPTS work with; one row per SIRET, shared by every CPTS. */
@Entity({ name: 'partners' })
export class PartnerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: PartnerKind;
  @Column('text') name!: string;
  @Column('char', { length: 14 }) siret!: string;
  @Column('char', { length: 9, nullable: true }) finess!: string | null;
  @Column('text', { array: true }) sectors!: string[];
  @Column('text', { name: 'registered_by_tenant' }) registeredByTenant!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** A person to reach at a partner, and what they answer for. */
@Entity({ name: 'partner_contacts' })
export class PartnerContactEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'last_name' }) lastName!: string;
  @Column('text', { name: 'first_name' }) firstName!: string;
  @Column('text') role!: ContactRole;
  @Column('char', { length: 11, nullable: true }) rpps!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { array: true }) communes!: string[];
  @Column('text', { name: 'company_sirets', array: true }) companySirets!: string[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
