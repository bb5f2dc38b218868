import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID,
  Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

/** Wire shapes shared by the membership events (a snapshot of what others may keep). */

export const IDENTIFIER_KINDS = ['RPPS', 'ADELI', 'NONE'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export const MEMBER_STATUSES = ['active', 'retired', 'student'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class MemberSkillV1 {
  @ApiProperty({ example: 'can-vaccinate' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  code!: string;

  @ApiPropertyOptional({ example: '2024-09-15', description: 'date of the training' })
  @IsOptional() @IsISO8601({ strict: true })
  trainedOn?: string;
}

export class WeeklySlotV1 {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt() @Min(1) @Max(7)
  weekday!: number;

  @ApiProperty({ example: '08:00' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ example: '13:00' })
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end!: string;
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
}

export class MemberAvailabilityV1 {
  @ApiProperty({ type: [WeeklySlotV1] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => WeeklySlotV1)
  weekly!: WeeklySlotV1[];

  @ApiProperty({ type: [AvailabilityExceptionV1] })
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AvailabilityExceptionV1)
  exceptions!: AvailabilityExceptionV1[];

  @ApiPropertyOptional({ minimum: 0, maximum: 62, description: 'declared cap on shifts per month' })
  @IsOptional() @IsInt() @Min(0) @Max(62)
  monthlyShiftCap?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  preferredSiteIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['morning'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true })
  preferredBands?: string[];
}

/** What membership tells other services about a professional. */
export class MemberSnapshotV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ example: 'Martin' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: 'Claire' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'nurse' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  profession!: string;

  @ApiPropertyOptional({ example: 'general-practice' })
  @IsOptional() @IsString() @MaxLength(64)
  specialty?: string;

  @ApiProperty({ enum: IDENTIFIER_KINDS })
  @IsIn(IDENTIFIER_KINDS)
  identifierKind!: IdentifierKind;

  @ApiPropertyOptional({ example: '10005173140' })
  @IsOptional() @IsString() @MaxLength(11)
  identifierValue?: string;

  @ApiProperty({ type: [String], example: ['26362'] })
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true })
  communes!: string[];

  @ApiProperty({ enum: MEMBER_STATUSES })
  @IsIn(MEMBER_STATUSES)
  status!: MemberStatus;

  @ApiProperty({ type: [MemberSkillV1] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MemberSkillV1)
  skills!: MemberSkillV1[];

  @ApiProperty({ type: MemberAvailabilityV1 })
  @ValidateNested() @Type(() => MemberAvailabilityV1)
  availability!: MemberAvailabilityV1;

  @ApiProperty()
  @IsBoolean()
  votingRights!: boolean;
}
