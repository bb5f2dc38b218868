import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { defineRequest } from '../common/contract';
import { Role } from '../common/request';
import { MEMBER_STATUSES, MemberStatus } from './member-profile';

/** How a signed-in professional is named: an RPPS or ADELI number, or a Pro Santé Connect sandbox identity. */
export const NATIONAL_ID_KINDS = ['RPPS', 'ADELI', 'SANDBOX'] as const;
export type NationalIdKind = (typeof NATIONAL_ID_KINDS)[number];

/**
 * The gateway asks membership who a professional signed in with Pro Santé
 * Connect is in the tenant of the request (never across tenants: the answer
 * is read under that tenant's scope).
 */
export class ResolveMemberIdentityV1 {
  @ApiProperty({ enum: NATIONAL_ID_KINDS })
  @IsIn(NATIONAL_ID_KINDS)
  kind!: NationalIdKind;

  @ApiProperty({
    example: '99700218896',
    description: 'the RPPS (11 digits), ADELI (9) or sandbox identity, without the idNat_PS prefix',
  })
  @Matches(/^[A-Za-z0-9]{1,64}$/, { message: 'value must be 1 to 64 letters or digits' })
  value!: string;
}

/** Who that professional is in the tenant; no memberId and no roles when they are not a member. */
export class MemberIdentityV1 {
  @ApiPropertyOptional({ format: 'uuid' })
  memberId?: string;

  @ApiProperty({ type: [String], example: ['member'] })
  roles!: Role[];

  @ApiPropertyOptional({ enum: MEMBER_STATUSES })
  status?: MemberStatus;
}

export const ResolveMemberIdentity = defineRequest<ResolveMemberIdentityV1, MemberIdentityV1>(
  'membership.member.resolve-identity.v1',
  ResolveMemberIdentityV1,
);
