import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineRequest } from '../common/contract';
import { MemberSnapshotV1 } from './member-profile';

export const STRUCTURE_KINDS = ['MSP', 'ESP', 'CDS', 'SOLO', 'ESTABLISHMENT'] as const;

/** Body of POST /members: a professional as the coordinator registers them. */
export class RegisterMemberV1 extends OmitType(MemberSnapshotV1, ['memberId'] as const) {
  @ApiPropertyOptional({ example: 'claire.martin@example.fr' })
  @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional() @IsString() @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ enum: STRUCTURE_KINDS })
  @IsOptional() @IsIn(STRUCTURE_KINDS)
  structureKind?: (typeof STRUCTURE_KINDS)[number];

  @ApiPropertyOptional({ example: 'MSP des Baumes' })
  @IsOptional() @IsString() @MaxLength(200)
  structureName?: string;
}

export class MemberViewV1 extends MemberSnapshotV1 {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() structureKind?: string;
  @ApiPropertyOptional() structureName?: string;
  @ApiProperty() registeredAt!: string;
}

export const RegisterMember = defineRequest<RegisterMemberV1, MemberViewV1>('membership.member.register.v1', RegisterMemberV1);
