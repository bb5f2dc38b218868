import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';

/** Wire shapes of a tenant: one CPTS, its territory and its contact. */

export const TENANT_LEGAL_FORMS = ['association', 'association-alsace-moselle'] as const;
export type TenantLegalForm = (typeof TENANT_LEGAL_FORMS)[number];

/** A tenant id is the CPTS slug used in every route: `cpts-sud-valence`. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export class TenantContactV1 {
  @ApiProperty({ example: 'Coordination CPTS Sud-Valence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'coordination@cpts-sud-valence.example' })
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiPropertyOptional({ example: '04 65 71 00 00' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;
}

/** One commune of the territory, with the département and EPCI it belongs to (from the INSEE code). */
export class TerritoryCommuneV1 {
  @ApiProperty({ example: '26362', description: 'INSEE commune code (not a postal code)' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/)
  code!: string;

  @ApiProperty({ example: 'Valence' })
  @IsString()
  @IsNotEmpty()
  name!: string;

  @ApiProperty({ example: '26' })
  @IsString()
  @IsNotEmpty()
  departmentCode!: string;

  @ApiPropertyOptional({
    example: '200068781',
    nullable: true,
    description: 'SIREN of the EPCI; absent for the few communes outside any',
  })
  @IsOptional()
  @IsString()
  epciCode?: string | null;

  @ApiPropertyOptional({ example: 'CA Valence Romans Agglo', nullable: true })
  @IsOptional()
  @IsString()
  epciName?: string | null;
}

/** What membership tells other services about a CPTS (campaigns, partners and scheduling keep it). */
export class TenantSnapshotV1 {
  @ApiProperty({ example: 'cpts-sud-valence' })
  @Matches(TENANT_ID_PATTERN)
  tenantId!: string;

  @ApiProperty({ example: 'CPTS Sud-Valence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: TENANT_LEGAL_FORMS })
  @IsIn(TENANT_LEGAL_FORMS)
  legalForm!: TenantLegalForm;

  @ApiProperty({
    type: [TerritoryCommuneV1],
    description: 'the communes of the territory; a commune may belong to several CPTS',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => TerritoryCommuneV1)
  territory!: TerritoryCommuneV1[];

  @ApiProperty({
    type: [String],
    example: ['26'],
    description: 'départements the territory spans (derived)',
  })
  @IsArray()
  @IsString({ each: true })
  departmentCodes!: string[];

  @ApiProperty({
    type: [String],
    example: ['200068781'],
    description: 'EPCI the territory spans (derived)',
  })
  @IsArray()
  @IsString({ each: true })
  epciCodes!: string[];

  @ApiPropertyOptional({ example: '2021-03-15', description: 'date the ACI agreement was signed' })
  @IsOptional()
  @IsISO8601({ strict: true })
  aciAgreementDate?: string;

  @ApiProperty({ type: TenantContactV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => TenantContactV1)
  contact!: TenantContactV1;

  @ApiProperty({
    minimum: 1,
    description: 'grows by one at each change: a consumer ignores a revision it has passed',
  })
  @IsInt()
  @Min(1)
  revision!: number;
}
