import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../common/contract';

/** A member left the CPTS: keep their history, staff them no more from `leftOn`. */
export class MemberLeftV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ example: '2026-12-31', description: 'last day of membership' })
  @IsISO8601({ strict: true })
  leftOn!: string;

  @ApiPropertyOptional({ example: 'moved out of the territory' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  revision!: number;
}

export const MemberLeft = defineEvent('membership.member.left.v1', MemberLeftV1);
