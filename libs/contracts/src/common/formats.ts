import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** Wire formats shared by several contracts, written once. */
export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The shape of an INSEE commune code; whether it exists is checked against the official list. */
export const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;

/** A time window on one weekday, in local (Europe/Paris) wall-clock time. */
export class WeeklyWindowV1 {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '08:00' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ example: '13:00' })
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end!: string;
}
