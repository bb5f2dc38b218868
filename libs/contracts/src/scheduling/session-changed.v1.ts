import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { defineEvent } from '../common/contract';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const SESSION_CHANGES = ['moved', 'cancelled'] as const;
export type SessionChange = (typeof SESSION_CHANGES)[number];

/**
 * A scheduling session (e.g. a vaccination session of a line) moved or was
 * cancelled; what rides on it (an ICOPE screening in the observation quarter
 * of an hour) follows.
 */
export class SchedulingSessionChangedV1 {
  @ApiProperty({
    example: 'vacc-2026-10-15-parc-expo-am',
    description: "scheduling's id of the session",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  sessionId!: string;

  @ApiProperty({ enum: SESSION_CHANGES })
  @IsIn(SESSION_CHANGES)
  change!: SessionChange;

  @ApiPropertyOptional({
    example: '2026-10-16T09:00:00+02:00',
    description: 'new start, when moved',
  })
  @ValidateIf(
    (event: SchedulingSessionChangedV1) => event.change === 'moved' || event.startsAt !== undefined,
  )
  @Matches(DATE_TIME, { message: 'a moved session carries its new startsAt' })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2026-10-16T12:00:00+02:00', description: 'new end, when moved' })
  @ValidateIf(
    (event: SchedulingSessionChangedV1) => event.change === 'moved' || event.endsAt !== undefined,
  )
  @Matches(DATE_TIME, { message: 'a moved session carries its new endsAt' })
  endsAt?: string;

  @ApiPropertyOptional({ example: 'vaccine delivery postponed' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const SchedulingSessionChanged = defineEvent(
  'scheduling.session.changed.v1',
  SchedulingSessionChangedV1,
);
