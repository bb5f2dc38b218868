import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsInseeCommune } from '@maillage/identifiers';
import { defineRequest } from '../common/contract';
import { IsIdentifierOfKind } from './identifier-of-kind';
import { CONSENT_PURPOSES, ConsentPurposeV1, MemberSnapshotV1 } from './member-profile';

/** One consent of a member to one purpose (RGPD): when it was given, and withdrawn if it was. */
export class ConsentRecordV1 {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurposeV1;

  @ApiProperty({ example: '2025-01-03T10:00:00Z' })
  @IsISO8601()
  givenAt!: string;

  @ApiPropertyOptional({ example: '2026-02-01T10:00:00Z' })
  @IsOptional()
  @IsISO8601()
  withdrawnAt?: string;
}

/**
 * Body of POST /members: a professional as the coordinator registers them. The
 * profession is checked against the catalogue of membership (GET
 * /v1/tenants/:tenantId/professions), the identifier by its kind, the communes
 * against the official INSEE list.
 */
export class RegisterMemberV1 extends OmitType(MemberSnapshotV1, [
  'memberId',
  'revision',
  'consentPurposes',
  'leftOn',
] as const) {
  @ApiPropertyOptional({
    example: '10005173140',
    description: 'RPPS (11 digits, Luhn key) or ADELI (9 characters) by identifierKind',
  })
  @IsOptional()
  @IsIdentifierOfKind()
  override identifierValue?: string;

  @ApiProperty({
    type: [String],
    example: ['26362'],
    description: 'INSEE codes of the communes served',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsInseeCommune({}, { each: true })
  override communes!: string[];

  @ApiPropertyOptional({ type: [ConsentRecordV1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConsentRecordV1)
  consents?: ConsentRecordV1[];
}

/** A member as the coordinator (or the member themself) sees them. */
export class MemberViewV1 extends MemberSnapshotV1 {
  @ApiProperty({ type: [ConsentRecordV1] }) consents!: ConsentRecordV1[];
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
}

export const RegisterMember = defineRequest<RegisterMemberV1, MemberViewV1>(
  'membership.member.register.v1',
  RegisterMemberV1,
);
