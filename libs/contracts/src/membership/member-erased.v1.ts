import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID } from 'class-validator';
import { defineEvent } from '../common/contract';

/**
 * RGPD erasure: membership has deleted everything it held on the member. Every
 * service must forget them or pseudonymise what it must keep (e.g. a past
 * rota keeps the member id, never the name). No personal data travels here.
 */
export class MemberErasedV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ example: '2026-11-25T21:00:00Z' })
  @IsISO8601()
  erasedAt!: string;
}

export const MemberErased = defineEvent('membership.member.erased.v1', MemberErasedV1);
