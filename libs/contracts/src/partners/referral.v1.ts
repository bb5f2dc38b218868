import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { defineRequest } from '../common/contract';

export const REFERRAL_STATUSES = ['sent', 'acknowledged', 'done'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A professional orients a case to a partner. No medical content is stored:
 * the reference is the professional's own case number (no spaces, so no names
 * or notes fit in it), and the rest is who, to whom, when.
 */
export class SendReferralV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the contact it is sent to (single contact point)',
  })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiProperty({
    example: 'LC-2026-014',
    description: "the professional's case reference: 3-40 letters, digits, . _ / -",
  })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{2,39}$/, {
    message: 'reference must be 3-40 letters, digits, . _ / - (a case number, never a name)',
  })
  reference!: string;
}

export class ReferralViewV1 {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) contactId?: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ description: 'who sent it (token subject)' }) referrerSubject!: string;
  @ApiPropertyOptional({ format: 'uuid' }) referrerMemberId?: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty() sentAt!: string;
  @ApiPropertyOptional() acknowledgedAt?: string;
  @ApiPropertyOptional() doneAt?: string;
}

export class ReferralIdV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId!: string;
}

export class ListReferralsV1 {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

export class ReferralListV1 {
  @ApiProperty({ type: [ReferralViewV1] }) referrals!: ReferralViewV1[];
}

export const SendReferral = defineRequest<SendReferralV1, ReferralViewV1>(
  'partners.referral.send.v1',
  SendReferralV1,
);
export const ListReferrals = defineRequest<ListReferralsV1, ReferralListV1>(
  'partners.referral.list.v1',
  ListReferralsV1,
);
export const AcknowledgeReferral = defineRequest<ReferralIdV1, ReferralViewV1>(
  'partners.referral.acknowledge.v1',
  ReferralIdV1,
);
export const CompleteReferral = defineRequest<ReferralIdV1, ReferralViewV1>(
  'partners.referral.complete.v1',
  ReferralIdV1,
);
