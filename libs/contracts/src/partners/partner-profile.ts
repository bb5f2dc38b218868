import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsFiness, IsInseeCommune, IsRpps, IsSiret } from '@maillage/identifiers';

/** Wire shapes of the partners service: organisations a CPTS works with without them being members. */

export const PARTNER_KINDS = [
  'spsti', // inter-company occupational health service
  'dac', // coordination support service
  'hospital',
  'hospital-group', // GHT
  'university-hospital', // CHU
  'ehpad',
  'home-help',
  'municipality',
  'epci',
  'ccas',
  'ars',
  'cpam',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Health establishments registered in FINESS: their number is required. */
export const FINESS_REQUIRED_KINDS: readonly PartnerKind[] = [
  'hospital',
  'university-hospital',
  'ehpad',
];

export const CONTACT_ROLES = [
  'occupational-physician',
  'occupational-nurse',
  'referent',
  'coordinator',
  'social-worker',
  'secretariat',
  'director',
  'other',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export class PartnerContactInputV1 {
  @ApiProperty({ example: 'Durand' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: 'Hélène' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ enum: CONTACT_ROLES })
  @IsIn(CONTACT_ROLES)
  role!: ContactRole;

  @ApiPropertyOptional({
    example: '10005173140',
    description: 'RPPS of a health professional contact',
  })
  @IsOptional()
  @IsRpps()
  rpps?: string;

  @ApiPropertyOptional({ example: 'h.durand@asmt65.example.fr' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '+33 5 62 00 00 00' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['65440'],
    description: 'INSEE communes this contact answers for',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsInseeCommune({}, { each: true })
  communes?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['73282932000074'],
    description: 'companies (SIRET) this contact follows',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsSiret({ each: true })
  companySirets?: string[];
}

export class PartnerContactViewV1 {
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty({ enum: CONTACT_ROLES }) role!: ContactRole;
  @ApiPropertyOptional() rpps?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiProperty({ type: [String] }) communes!: string[];
  @ApiProperty({ type: [String] }) companySirets!: string[];
}

/** Body of POST /partners. */
export class RegisterPartnerV1 {
  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: PartnerKind;

  @ApiProperty({ example: 'ASMT 65' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: '73282932000074',
    description: '14 digits with its Luhn key (La Poste rule applies)',
  })
  @IsSiret()
  siret!: string;

  @ApiPropertyOptional({
    example: '010003820',
    description: `required for ${FINESS_REQUIRED_KINDS.join(', ')}`,
  })
  @ValidateIf(
    (o: RegisterPartnerV1) => o.finess !== undefined || FINESS_REQUIRED_KINDS.includes(o.kind),
  )
  @IsFiness()
  finess?: string;

  @ApiProperty({
    type: [String],
    example: ['65440', '65286'],
    description: "the partner's own sectors (INSEE communes)",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsInseeCommune({}, { each: true })
  sectors!: string[];

  @ApiPropertyOptional({ type: [PartnerContactInputV1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactInputV1)
  contacts?: PartnerContactInputV1[];
}

export class PartnerViewV1 {
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind!: PartnerKind;
  @ApiProperty() name!: string;
  @ApiProperty() siret!: string;
  @ApiPropertyOptional() finess?: string;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({
    type: [PartnerContactViewV1],
    description: 'only shown to the partner itself and to CPTS it has an agreement with',
  })
  contacts!: PartnerContactViewV1[];
  @ApiProperty() registeredAt!: string;
}

export class PartnerIdV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;
}

/** Body of PUT /partners/{partnerId}/sectors: the whole new list. */
export class UpdatePartnerSectorsBodyV1 {
  @ApiProperty({ type: [String], example: ['65440'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsInseeCommune({}, { each: true })
  sectors!: string[];
}

export class UpdatePartnerSectorsV1 extends UpdatePartnerSectorsBodyV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;
}

export class AddPartnerContactV1 extends PartnerIdV1 {
  @ApiProperty({ type: PartnerContactInputV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => PartnerContactInputV1)
  contact!: PartnerContactInputV1;
}

export class ListPartnersV1 {
  @ApiPropertyOptional({
    example: '73282932000074',
    description: 'find a partner of the directory by SIRET',
  })
  @IsOptional()
  @IsSiret()
  siret?: string;
}

export class PartnerListV1 {
  @ApiProperty({ type: [PartnerViewV1] }) partners!: PartnerViewV1[];
}
