import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../common/contract';
import { LentPersonV1, LoanScopeV1 } from './agreement-profile';
import { ISO_DATE } from '../common/formats';

/**
 * An agreement became active: the people of one staff-made-available clause
 * join the CPTS staff pool for that scope and period only. One event per clause.
 */
export class StaffLentV1 {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agreementId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clauseId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  partnerName!: string;

  @ApiProperty({ type: LoanScopeV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => LoanScopeV1)
  scope!: LoanScopeV1;

  @ApiProperty({ description: 'first day of the loan (Europe/Paris)' })
  @Matches(ISO_DATE)
  startsOn!: string;

  @ApiProperty({ description: 'last day of the loan, included' })
  @Matches(ISO_DATE)
  endsOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  maxHoursPerWeek?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  maxHoursPerMonth?: number;

  @ApiProperty({ type: [LentPersonV1] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LentPersonV1)
  staff!: LentPersonV1[];
}

export const StaffLent = defineEvent('partners.staff.lent.v1', StaffLentV1);
