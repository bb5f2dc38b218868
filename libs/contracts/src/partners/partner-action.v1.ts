import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInseeCommune } from '@maillage/identifiers';
import { defineRequest } from '../common/contract';

export const ACTION_KINDS = [
  'campaign-session',
  'rcp',
  'webinar',
  'information-evening',
  'training',
  'other',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** A CPTS tells its partners about an action (RCP, webinar…) they may join. */
export class DeclareActionV1 {
  @ApiProperty({ enum: ACTION_KINDS })
  @IsIn(ACTION_KINDS)
  kind!: ActionKind;

  @ApiProperty({ example: 'RCP long Covid et maintien en emploi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({
    type: [String],
    example: ['65440'],
    description: 'INSEE communes where it takes place (empty when online only)',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsInseeCommune({}, { each: true })
  communes!: string[];

  @ApiProperty({ description: 'held online (a webinar): placed on the whole CPTS territory' })
  @IsBoolean()
  online!: boolean;

  @ApiProperty({ example: '2026-12-03T18:00:00+01:00' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '2026-12-03T20:00:00+01:00' })
  @IsISO8601({ strict: true })
  endsAt!: string;
}

export class ActionViewV1 {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind!: ActionKind;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) communes!: string[];
  @ApiProperty() online!: boolean;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: ['declared', 'campaigns'] }) source!: 'declared' | 'campaigns';
}

export class RadarWindowV1 {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2027-01-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  to!: string;
}

export class RadarGroupV1 {
  @ApiProperty({ description: 'true when several actions overlap in place and time' })
  overlapping!: boolean;
  @ApiProperty({ type: [String], description: 'the CPTS (tenants) involved' }) tenantIds!: string[];
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: [ActionViewV1] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ActionViewV1)
  actions!: ActionViewV1[];
}

/** Every action of the partner's CPTS that falls on its sectors, grouped where they overlap. */
export class RadarV1 {
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty({ type: [RadarGroupV1] }) groups!: RadarGroupV1[];
}

export const DeclareAction = defineRequest<DeclareActionV1, ActionViewV1>(
  'partners.action.declare.v1',
  DeclareActionV1,
);
export const GetOverlapRadar = defineRequest<RadarWindowV1, RadarV1>(
  'partners.radar.get.v1',
  RadarWindowV1,
);
