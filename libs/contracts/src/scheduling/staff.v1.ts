import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { defineRequest } from '../common/contract';
import { MemberAvailabilityV1, MemberSkillV1 } from '../membership/member-profile';

export class GetStaffMemberV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;
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
}

export const GetStaffMember = defineRequest<GetStaffMemberV1, StaffMemberViewV1>('scheduling.staff.get.v1', GetStaffMemberV1);
