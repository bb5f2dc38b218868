import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
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
  ValidateNested,
  IsObject,
} from 'class-validator';
import { HH_MM, WeeklyWindowV1 } from '../common/formats';

/** Wire shapes shared by the membership events (a snapshot of what others may keep). */

export const IDENTIFIER_KINDS = ['RPPS', 'ADELI', 'NONE'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export const MEMBER_STATUSES = ['active', 'retired', 'student'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Time bands of the unscheduled-care (SNP) day. */
export const TIME_BANDS = ['morning', 'afternoon', 'evening', 'night'] as const;
export type TimeBand = (typeof TIME_BANDS)[number];
export const STRUCTURE_KINDS = ['MSP', 'ESP', 'CDS', 'SOLO', 'ESTABLISHMENT'] as const;
export type StructureKindV1 = (typeof STRUCTURE_KINDS)[number];
export const COLLEGES = [
  'liberal-professionals',
  'health-establishments',
  'medico-social',
  'partners',
  'users',
] as const;
export const ASSOCIATION_ROLES = [
  'president',
  'vice-president',
  'treasurer',
  'secretary',
  'board-member',
  'animation-committee',
  'coordinator',
  'member',
] as const;
export const CONSENT_PURPOSES = [
  'directory-listing',
  'shift-broadcasts',
  'newsletter',
  'data-sharing-partners',
] as const;
export type ConsentPurposeV1 = (typeof CONSENT_PURPOSES)[number];

/** One period of membership of the association, with its dues. */
export class MembershipPeriodV1 {
  @ApiProperty({ example: '2025-01-01' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'absent while the period runs' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiProperty()
  @IsBoolean()
  duesPaid!: boolean;
}

/** The member's place in the association (partner members have no voting rights). */
export class MemberAssociationV1 {
  @ApiProperty({ type: [MembershipPeriodV1] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MembershipPeriodV1)
  periods!: MembershipPeriodV1[];

  @ApiPropertyOptional({ enum: COLLEGES })
  @IsOptional()
  @IsIn(COLLEGES)
  college?: (typeof COLLEGES)[number];

  @ApiProperty({ type: [String], enum: ASSOCIATION_ROLES, example: ['member'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(ASSOCIATION_ROLES, { each: true })
  roles!: (typeof ASSOCIATION_ROLES)[number][];
}

export class MemberSkillV1 {
  @ApiProperty({ example: 'can-vaccinate' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code!: string;

  @ApiPropertyOptional({ example: '2024-09-15', description: 'date of the training' })
  @IsOptional()
  @IsISO8601({ strict: true })
  trainedOn?: string;
}

export class WeeklySlotV1 extends WeeklyWindowV1 {
  @ApiPropertyOptional({
    type: [String],
    example: ['vaccination-parc-expo'],
    description: 'sites this slot is offered for',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  sites?: string[];

  @ApiPropertyOptional({ type: [String], enum: TIME_BANDS, example: ['morning'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TIME_BANDS, { each: true })
  bands?: TimeBand[];
}

export class AvailabilityExceptionV1 {
  @ApiProperty({ example: '2026-12-24' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2027-01-02' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiProperty({ enum: ['unavailable', 'available'] })
  @IsIn(['unavailable', 'available'])
  kind!: 'unavailable' | 'available';

  @ApiPropertyOptional({
    example: '08:00',
    description: 'local hours on each day; the whole day when absent',
  })
  @IsOptional()
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start?: string;

  @ApiPropertyOptional({ example: '13:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end?: string;

  @ApiPropertyOptional({ example: 'congés' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class MemberAvailabilityV1 {
  @ApiProperty({ type: [WeeklySlotV1] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotV1)
  weekly!: WeeklySlotV1[];

  @ApiProperty({ type: [AvailabilityExceptionV1] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionV1)
  exceptions!: AvailabilityExceptionV1[];

  @ApiPropertyOptional({ minimum: 0, maximum: 62, description: 'declared cap on shifts per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(62)
  monthlyShiftCap?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  preferredSiteIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: TIME_BANDS, example: ['morning'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(TIME_BANDS, { each: true })
  preferredBands?: TimeBand[];
}

/** What membership tells other services about a professional. */
export class MemberSnapshotV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ example: 'Martin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: 'Claire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'nurse' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  profession!: string;

  @ApiPropertyOptional({ example: 'general-practice' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  specialty?: string;

  @ApiProperty({ enum: IDENTIFIER_KINDS })
  @IsIn(IDENTIFIER_KINDS)
  identifierKind!: IdentifierKind;

  @ApiPropertyOptional({ example: '10005173140' })
  @IsOptional()
  @IsString()
  @MaxLength(11)
  identifierValue?: string;

  @ApiProperty({ type: [String], example: ['26362'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  communes!: string[];

  @ApiProperty({ enum: MEMBER_STATUSES })
  @IsIn(MEMBER_STATUSES)
  status!: MemberStatus;

  @ApiProperty({ type: [MemberSkillV1] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MemberSkillV1)
  skills!: MemberSkillV1[];

  @ApiProperty({ type: MemberAvailabilityV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => MemberAvailabilityV1)
  availability!: MemberAvailabilityV1;

  @ApiProperty()
  @IsBoolean()
  votingRights!: boolean;

  @ApiPropertyOptional({ example: 'claire.martin@example.fr' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ enum: STRUCTURE_KINDS, description: 'SOLO when absent' })
  @IsOptional()
  @IsIn(STRUCTURE_KINDS)
  structureKind?: StructureKindV1;

  @ApiPropertyOptional({ example: 'MSP des Baumes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  structureName?: string;

  @ApiPropertyOptional({
    type: MemberAssociationV1,
    description: 'on registration: a period starting today when absent',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberAssociationV1)
  association?: MemberAssociationV1;

  @ApiPropertyOptional({
    type: [String],
    enum: CONSENT_PURPOSES,
    description: 'purposes the member consents to now (e.g. shift-broadcasts)',
  })
  @IsOptional()
  @IsArray()
  @IsIn(CONSENT_PURPOSES, { each: true })
  consentPurposes?: ConsentPurposeV1[];

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'set once the member has left the CPTS',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  leftOn?: string;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'grows by one at each change of the member: a consumer ignores an event whose revision it has passed',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
