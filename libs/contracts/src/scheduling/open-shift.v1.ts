import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';

export const OPEN_SHIFT_STATUSES = ['open', 'filled', 'closed'] as const;
export type OpenShiftStatus = (typeof OPEN_SHIFT_STATUSES)[number];

/** A gap of a published rota, broadcast to the qualified, available members: the first valid claim wins. */
export class ShiftOpenedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() openShiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) label!: string;
  @ApiProperty() @IsString() startsAt!: string;
  @ApiProperty() @IsString() endsAt!: string;
  @ApiProperty({ example: 'nurse' }) @IsString() @IsNotEmpty() role!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) positions!: number;
  @ApiProperty({
    type: [String],
    description: 'members the call-out goes to: qualified and free by every hard rule',
  })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  eligibleMemberIds!: string[];
  @ApiProperty({ description: "the engine's explanation of the gap" })
  @IsString()
  @MaxLength(2000)
  explanation!: string;
}

/** A member took an open shift. */
export class ShiftClaimedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() openShiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty() @IsString() role!: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) remaining!: number;
}

export class OpenShiftViewV1 {
  @ApiProperty() openShiftId!: string;
  @ApiProperty() rotaId!: string;
  @ApiProperty() shiftId!: string;
  @ApiPropertyOptional() siteId?: string;
  @ApiProperty() label!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() role!: string;
  @ApiProperty() positions!: number;
  @ApiProperty({ description: 'positions still open' }) remaining!: number;
  @ApiProperty({ enum: OPEN_SHIFT_STATUSES }) status!: OpenShiftStatus;
  @ApiProperty({ type: [String] }) claimedBy!: string[];
  @ApiProperty() explanation!: string;
}
export class OpenShiftListV1 {
  @ApiProperty({ type: [OpenShiftViewV1] }) openShifts!: OpenShiftViewV1[];
}
export class ListOpenShiftsV1 {
  @ApiPropertyOptional({ enum: OPEN_SHIFT_STATUSES })
  @IsOptional()
  @IsIn(OPEN_SHIFT_STATUSES)
  status?: OpenShiftStatus;
}

/** Body of POST /open-shifts/{openShiftId}/claims. */
export class ClaimOpenShiftBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
}
export class ClaimOpenShiftV1 extends ClaimOpenShiftBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() openShiftId!: string;
}

export const ListOpenShifts = defineRequest<ListOpenShiftsV1, OpenShiftListV1>(
  'scheduling.open-shift.list.v1',
  ListOpenShiftsV1,
);
export const ClaimOpenShift = defineRequest<ClaimOpenShiftV1, OpenShiftViewV1>(
  'scheduling.open-shift.claim.v1',
  ClaimOpenShiftV1,
);
export const ShiftOpened = defineEvent('scheduling.shift.opened.v1', ShiftOpenedV1);
export const ShiftClaimed = defineEvent('scheduling.shift.claimed.v1', ShiftClaimedV1);
