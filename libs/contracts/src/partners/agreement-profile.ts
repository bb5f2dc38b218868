import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
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
import { IsRpps } from '@maillage/identifiers';
import { MemberSkillV1 } from '../membership/member-profile';
import { ISO_DATE } from '../common/formats';

export const AGREEMENT_STATUSES = ['signed', 'active', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const CLAUSE_TYPES = [
  'staff-made-available', // the partner lends staff to a CPTS site or campaign
  'referral-pathway', // professionals may orient cases to the partner
  'information-sharing',
  'training',
  'logistics',
  'other',
] as const;
export type ClauseType = (typeof CLAUSE_TYPES)[number];

const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;

/** Where lent staff may be scheduled: sites and/or campaigns of the CPTS. */
export class LoanScopeV1 {
  @ApiProperty({ type: [String], example: ['site-vaccination-tarbes'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SCOPE_ID, { each: true, message: 'each site id must be 1-80 letters, digits, . _ : -' })
  siteIds!: string[];

  @ApiProperty({ type: [String], example: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SCOPE_ID, {
    each: true,
    message: 'each campaign id must be 1-80 letters, digits, . _ : -',
  })
  campaignIds!: string[];
}

/** One person the partner lends, as written in the agreement. */
export class LentPersonInputV1 {
  @ApiProperty({ example: 'Lacoste' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: 'Anne' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({
    example: 'nurse',
    description: 'profession code (doctor, nurse, medical-assistant…)',
  })
  @Matches(/^[a-z][a-z-]{1,63}$/, { message: 'profession must be a profession code such as nurse' })
  profession!: string;

  @ApiProperty({ type: [MemberSkillV1] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MemberSkillV1)
  skills!: MemberSkillV1[];

  @ApiPropertyOptional({ example: '10005173140' })
  @IsOptional()
  @IsRpps()
  rpps?: string;
}

export class LentPersonV1 extends LentPersonInputV1 {
  @ApiProperty({ format: 'uuid', description: "the person's id in the staff pool of scheduling" })
  @IsUUID()
  staffId!: string;
}

export class StaffMadeAvailableTermsV1 {
  @ApiProperty({ type: [LentPersonInputV1] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LentPersonInputV1)
  staff!: LentPersonInputV1[];

  @ApiProperty({ type: LoanScopeV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => LoanScopeV1)
  scope!: LoanScopeV1;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    description: 'hours per person and week, at most',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  maxHoursPerWeek?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 250,
    description: 'hours per person and month, at most',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  maxHoursPerMonth?: number;
}

export class AgreementClauseInputV1 {
  @ApiProperty({ enum: CLAUSE_TYPES })
  @IsIn(CLAUSE_TYPES)
  type!: ClauseType;

  @ApiPropertyOptional({ example: 'The SPSTI lends 3 nurses to the vaccination centre.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  summary?: string;

  @ApiPropertyOptional({
    type: StaffMadeAvailableTermsV1,
    description: 'required for, and only for, a staff-made-available clause',
  })
  @ValidateIf(
    (o: AgreementClauseInputV1) =>
      o.type === 'staff-made-available' || o.staffMadeAvailable !== undefined,
  )
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => StaffMadeAvailableTermsV1)
  staffMadeAvailable?: StaffMadeAvailableTermsV1;
}

/** Body of POST /agreements: a convention already signed by both parties. */
export class CreateAgreementV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;

  @ApiProperty({ example: 'Staff of the SPSTI at the CPTS vaccination centre' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  purpose!: string;

  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'signedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  signedOn?: string;

  @ApiProperty({ example: '2026-12-01', description: 'first day (Europe/Paris)' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2027-03-31', description: 'last day, included (Europe/Paris)' })
  @Matches(ISO_DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiProperty({ type: [AgreementClauseInputV1] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AgreementClauseInputV1)
  clauses!: AgreementClauseInputV1[];
}

export class StaffMadeAvailableViewV1 {
  @ApiProperty({ type: [LentPersonV1] }) staff!: LentPersonV1[];
  @ApiProperty({ type: LoanScopeV1 }) scope!: LoanScopeV1;
  @ApiPropertyOptional() maxHoursPerWeek?: number;
  @ApiPropertyOptional() maxHoursPerMonth?: number;
}

export class AgreementClauseViewV1 {
  @ApiProperty({ format: 'uuid' }) clauseId!: string;
  @ApiProperty({ enum: CLAUSE_TYPES }) type!: ClauseType;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ type: StaffMadeAvailableViewV1 })
  staffMadeAvailable?: StaffMadeAvailableViewV1;
}

export class AgreementViewV1 {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty() purpose!: string;
  @ApiPropertyOptional() signedOn?: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: AgreementStatus;
  @ApiPropertyOptional() activatedAt?: string;
  @ApiPropertyOptional() endedAt?: string;
  @ApiProperty({ type: [AgreementClauseViewV1] }) clauses!: AgreementClauseViewV1[];
}

export class AgreementIdV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agreementId!: string;
}

export class ListAgreementsV1 {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class AgreementListV1 {
  @ApiProperty({ type: [AgreementViewV1] }) agreements!: AgreementViewV1[];
}
