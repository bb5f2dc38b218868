import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Min, ValidateNested, IsObject } from 'class-validator';
import { defineEvent } from '../common/contract';
import { MemberAvailabilityV1 } from './member-profile';

/** A member's availability changed: the whole new weekly pattern, exceptions, cap and preferences. */
export class MemberAvailabilityChangedV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ type: MemberAvailabilityV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => MemberAvailabilityV1)
  availability!: MemberAvailabilityV1;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  revision!: number;
}

export const MemberAvailabilityChanged = defineEvent(
  'membership.member.availability.changed.v1',
  MemberAvailabilityChangedV1,
);
