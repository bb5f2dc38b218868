import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { defineRequest } from '../common/contract';
import { HH_MM, INSEE_COMMUNE, ISO_DATE, WeeklyWindowV1 } from '../common/formats';
import { TIME_BANDS, TimeBand } from '../membership/member-profile';

export const SITE_KINDS = ['vaccination-centre', 'snp-sector'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** Hours a site is open on one weekday (8:00–20:00, or two half-days as two entries). */
export class OpeningHoursV1 extends WeeklyWindowV1 {}

/** A vaccination line of a centre: its boxes each need a doctor + nurse pair. */
export class VaccinationLineV1 {
  @ApiProperty({ example: 'Ligne 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 50, example: 6 })
  @IsInt()
  @Min(1)
  @Max(50)
  boxes!: number;
}

/** A time band of an SNP sector and how many GPs it needs every day. */
export class SnpBandV1 {
  @ApiProperty({ enum: TIME_BANDS })
  @IsIn(TIME_BANDS)
  band!: TimeBand;

  @ApiProperty({ example: '08:00' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({
    example: '12:00',
    description: 'an end before the start ends the next day (night band)',
  })
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end!: string;

  @ApiProperty({ minimum: 1, maximum: 20, example: 2 })
  @IsInt()
  @Min(1)
  @Max(20)
  doctors!: number;

  @ApiPropertyOptional({
    type: [Number],
    description: 'ISO weekdays the band runs (every day when absent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];
}

/** Body of POST /sites: a vaccination centre or an SNP sector of the territory. */
export class CreateSiteV1 {
  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS)
  kind!: SiteKind;

  @ApiProperty({ example: 'Centre de vaccination — Parc des expositions' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '26362', description: 'INSEE code of the commune' })
  @IsOptional()
  @Matches(INSEE_COMMUNE, { message: 'commune must be an INSEE code' })
  commune?: string;

  @ApiProperty({
    example: 'CPTS Sud-Valence',
    description: 'who runs the site (the CPTS, the fire brigade…)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  operator!: string;

  @ApiPropertyOptional({
    type: [VaccinationLineV1],
    description: 'vaccination centres: their lines',
  })
  @ValidateIf((s: CreateSiteV1) => s.kind === 'vaccination-centre' || s.lines !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'a vaccination centre has at least one line' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VaccinationLineV1)
  lines?: VaccinationLineV1[];

  @ApiPropertyOptional({
    type: [OpeningHoursV1],
    description: 'vaccination centres: opening hours per weekday',
  })
  @ValidateIf((s: CreateSiteV1) => s.kind === 'vaccination-centre' || s.openingHours !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'a vaccination centre has opening hours' })
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursV1)
  openingHours?: OpeningHoursV1[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    example: 7,
    description: 'vaccinations per box per hour (18 boxes ≈ 130/h)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  throughputPerBoxPerHour?: number;

  @ApiPropertyOptional({ type: [SnpBandV1], description: 'SNP sectors: their time bands' })
  @ValidateIf((s: CreateSiteV1) => s.kind === 'snp-sector' || s.bands !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'an SNP sector has at least one time band' })
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => SnpBandV1)
  bands?: SnpBandV1[];
}

export class SiteOperatorPeriodV1 {
  @ApiProperty() operator!: string;
  @ApiProperty({ example: '2026-10-01' }) from!: string;
}

export class SiteViewV1 extends CreateSiteV1 {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ type: [SiteOperatorPeriodV1], description: 'who ran the site, oldest first' })
  operators!: SiteOperatorPeriodV1[];
  @ApiProperty() updatedAt!: string;
}

export class SiteListV1 {
  @ApiProperty({ type: [SiteViewV1] }) sites!: SiteViewV1[];
}

export class SiteRefV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId!: string;
}

export class ListSitesV1 {}

/** Body of PUT /sites/{siteId}/operator: the prefect hands the site to the fire brigade. */
export class ChangeSiteOperatorBodyV1 {
  @ApiProperty({ example: 'SDIS 54' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  operator!: string;

  @ApiProperty({ example: '2026-11-01', description: 'first day under the new operator' })
  @Matches(ISO_DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from!: string;
}
export class ChangeSiteOperatorV1 extends ChangeSiteOperatorBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId!: string;
}

/** Body of POST /sites/{siteId}/vaccination-sessions: the doses delivered for a session decide how many boxes open. */
export class DeclareVaccinationSessionBodyV1 {
  @ApiProperty({ example: 'Ligne 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  line!: string;

  @ApiProperty({ example: '2026-10-15' })
  @Matches(ISO_DATE, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiProperty({ example: '08:00' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ example: '13:00' })
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end!: string;

  @ApiProperty({ minimum: 0, maximum: 100000, example: 420 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  doses!: number;
}
export class DeclareVaccinationSessionV1 extends DeclareVaccinationSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId!: string;
}

export class VaccinationSessionViewV1 extends DeclareVaccinationSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({
    description: 'boxes the doses open: ceil(doses / (throughput × hours)), capped by the line',
  })
  boxes!: number;
}

export const CreateSite = defineRequest<CreateSiteV1, SiteViewV1>(
  'scheduling.site.create.v1',
  CreateSiteV1,
);
export const GetSite = defineRequest<SiteRefV1, SiteViewV1>('scheduling.site.get.v1', SiteRefV1);
export const ListSites = defineRequest<ListSitesV1, SiteListV1>(
  'scheduling.site.list.v1',
  ListSitesV1,
);
export const ChangeSiteOperator = defineRequest<ChangeSiteOperatorV1, SiteViewV1>(
  'scheduling.site.change-operator.v1',
  ChangeSiteOperatorV1,
);
export const DeclareVaccinationSession = defineRequest<
  DeclareVaccinationSessionV1,
  VaccinationSessionViewV1
>('scheduling.vaccination-session.declare.v1', DeclareVaccinationSessionV1);
