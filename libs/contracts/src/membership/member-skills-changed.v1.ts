import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../common/contract';
import { MemberSkillV1 } from './member-profile';

/** A member's skills and trainings changed: the complete new list (scheduling staffs by skill). */
export class MemberSkillsChangedV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ type: [MemberSkillV1] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MemberSkillV1)
  skills!: MemberSkillV1[];

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  revision!: number;
}

export const MemberSkillsChanged = defineEvent(
  'membership.member.skills.changed.v1',
  MemberSkillsChangedV1,
);
