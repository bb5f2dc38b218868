import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
} from 'class-validator';
import { defineEvent } from '../common/contract';

export const AGREEMENT_END_REASONS = ['term-reached', 'ended-early'] as const;

/** An agreement ended: every person it lent leaves the staff pool. */
export class AgreementEndedV1 {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agreementId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;

  @ApiProperty({ description: 'last day the agreement applied (Europe/Paris)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endedOn!: string;

  @ApiProperty({ enum: AGREEMENT_END_REASONS })
  @IsIn(AGREEMENT_END_REASONS)
  reason!: (typeof AGREEMENT_END_REASONS)[number];

  @ApiProperty({
    type: [String],
    description: 'staff ids the agreement had lent (withdrawn from the pool)',
  })
  @IsArray()
  @ArrayMaxSize(3000)
  @IsUUID('all', { each: true })
  staffIds!: string[];
}

export const AgreementEnded = defineEvent('partners.agreement.ended.v1', AgreementEndedV1);
