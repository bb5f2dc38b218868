import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { defineRequest } from '../common/contract';
import { MemberAvailabilityV1, MemberSkillV1 } from '../membership/member-profile';

export class GetStaffMemberV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;
}

/** The terms of a person lent by a partner: where, when and how many hours at most. */
export class StaffLoanViewV1 {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiPropertyOptional() partnerName?: string;
  @ApiProperty({ type: [String] }) siteIds!: string[];
  @ApiProperty({ type: [String] }) campaignIds!: string[];
  @ApiPropertyOptional() startsOn?: string;
  @ApiPropertyOptional() endsOn?: string;
  @ApiPropertyOptional() maxHoursPerWeek?: number;
  @ApiPropertyOptional() maxHoursPerMonth?: number;
  @ApiPropertyOptional({ description: 'set once the agreement ended: the person left the pool' })
  endedOn?: string;
}

/** Scheduling's own view of a person it may staff. */
export class StaffMemberViewV1 {
  @ApiProperty() memberId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() profession!: string;
  @ApiPropertyOptional() specialty?: string;
  @ApiProperty({ type: [MemberSkillV1] }) skills!: MemberSkillV1[];
  @ApiProperty({ type: [String] }) communes!: string[];
  @ApiProperty() status!: string;
  @ApiProperty({ type: MemberAvailabilityV1 }) availability!: MemberAvailabilityV1;
  @ApiProperty({ enum: ['member', 'lent'] }) source!: 'member' | 'lent';
  @ApiProperty() active!: boolean;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({
    type: StaffLoanViewV1,
    description: 'for lent staff: the agreement that lends them',
  })
  loan?: StaffLoanViewV1;
}

export const GetStaffMember = defineRequest<GetStaffMemberV1, StaffMemberViewV1>(
  'scheduling.staff.get.v1',
  GetStaffMemberV1,
);
