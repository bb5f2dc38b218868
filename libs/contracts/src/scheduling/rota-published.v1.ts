import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../common/contract';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A person a published rota puts on a shift. */
export class RotaAssigneeV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ example: 'Claire Martin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;
}

/** One shift of a published rota, with whoever fills it. */
export class RotaShiftV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  shiftId!: string;

  @ApiProperty({ example: '2026-10-15T09:00:00+02:00' })
  @Matches(DATE_TIME, { message: 'startsAt must be a date-time with its offset' })
  startsAt!: string;

  @ApiProperty({ example: '2026-10-15T12:30:00+02:00' })
  @Matches(DATE_TIME, { message: 'endsAt must be a date-time with its offset' })
  endsAt!: string;

  @ApiPropertyOptional({ example: 'vaccination-parc-expo' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  siteId?: string;

  @ApiPropertyOptional({ example: 'nurse', description: 'profession the shift asks for' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  profession?: string;

  @ApiPropertyOptional({ example: 'icope-trained', description: 'skill the shift asks for' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  skill?: string;

  @ApiProperty({ minimum: 1, description: 'how many people the shift needs' })
  @IsInt()
  @Min(1)
  headcount!: number;

  @ApiProperty({
    type: [RotaAssigneeV1],
    description: 'may hold fewer than headcount: the rest are open positions',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RotaAssigneeV1)
  assignees!: RotaAssigneeV1[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the staffing request the shift comes from (e.g. campaigns.session.staffing-requested.v1 requestId); absent for the regular lines',
  })
  @IsOptional()
  @IsUUID()
  staffingRequestId?: string;
}

/**
 * A rota was published (first time or again): the complete list of its shifts
 * and assignees, which replaces what a consumer kept for this rota.
 */
export class RotaPublishedV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  rotaId!: string;

  @ApiProperty({
    minimum: 1,
    description: 'grows at each publication of the same rota: ignore one you have passed',
  })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty({
    example: '2026-10-01T00:00:00+02:00',
    description: 'start of the period the rota covers',
  })
  @Matches(DATE_TIME)
  periodStart!: string;

  @ApiProperty({
    example: '2026-11-01T00:00:00+01:00',
    description: 'end (exclusive) of the period',
  })
  @Matches(DATE_TIME)
  periodEnd!: string;

  @ApiProperty({ type: [RotaShiftV1] })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => RotaShiftV1)
  shifts!: RotaShiftV1[];
}

export const RotaPublished = defineEvent('scheduling.rota.published.v1', RotaPublishedV1);
