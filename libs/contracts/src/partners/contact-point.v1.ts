import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { IsInseeCommune, IsSiret } from '@maillage/identifiers';
import { defineRequest } from '../common/contract';
import { PARTNER_KINDS, PartnerContactViewV1, PartnerKind } from './partner-profile';

/**
 * The single contact point ("guichet unique"): for a commune or a company, the
 * right person at each partner of the CPTS, in one query.
 */
export class FindContactPointV1 {
  @ApiPropertyOptional({
    example: '65440',
    description: 'INSEE commune (required unless siret is given)',
  })
  @ValidateIf((o: FindContactPointV1) => o.commune !== undefined || o.siret === undefined)
  @IsInseeCommune()
  commune?: string;

  @ApiPropertyOptional({
    example: '73282932000074',
    description: 'the company (SIRET) whose contact is wanted',
  })
  @IsOptional()
  @IsSiret()
  siret?: string;

  @ApiPropertyOptional({ enum: PARTNER_KINDS, example: 'spsti' })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;
}

export const CONTACT_MATCHES = ['company', 'commune', 'sector'] as const;

export class ContactPointMatchV1 {
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) partnerKind!: PartnerKind;
  @ApiProperty({
    enum: CONTACT_MATCHES,
    description:
      'company: the contact follows this SIRET; commune: the contact answers for it; sector: the commune is in the partner sectors',
  })
  matchedBy!: (typeof CONTACT_MATCHES)[number];
  @ApiPropertyOptional({ type: PartnerContactViewV1 }) contact?: PartnerContactViewV1;
}

export class ContactPointV1 {
  @ApiProperty({ type: [ContactPointMatchV1] }) matches!: ContactPointMatchV1[];
}

export const FindContactPoint = defineRequest<FindContactPointV1, ContactPointV1>(
  'partners.contact-point.find.v1',
  FindContactPointV1,
);
