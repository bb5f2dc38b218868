import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { defineRequest } from '../common/contract';

/**
 * A coordinator asks scheduling to turn a received staffing request into a rota
 * now: the engine staffs that one session and the rota is published.
 */
export class RosterStaffingRequestV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  requestId!: string;
}

export class StaffingRequestViewV1 {
  @ApiProperty() requestId!: string;
  @ApiProperty() origin!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: ['open', 'rostered', 'withdrawn'] }) status!:
    'open' | 'rostered' | 'withdrawn';
  @ApiPropertyOptional() rotaId?: string;
  @ApiProperty() assigned!: number;
  @ApiProperty() needed!: number;
}

export const GetStaffingRequest = defineRequest<RosterStaffingRequestV1, StaffingRequestViewV1>(
  'scheduling.staffing-request.get.v1',
  RosterStaffingRequestV1,
);
export const RosterStaffingRequest = defineRequest<RosterStaffingRequestV1, StaffingRequestViewV1>(
  'scheduling.staffing-request.roster.v1',
  RosterStaffingRequestV1,
);
