import { Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  GetStaffingRequest,
  RequestContextV1,
  RosterStaffingRequest,
  StaffingRequestViewV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

/** Staffing requests scheduling received (from campaign sessions), and the provisional way to roster one. */
@TenantController('scheduling', 'staffing-requests')
export class StaffingRequestsController {
  constructor(private readonly bus: MessageBus) {}

  @Get(':requestId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'A staffing request as scheduling holds it' })
  @ApiOkResponse({ type: StaffingRequestViewV1 })
  get(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<StaffingRequestViewV1> {
    return this.bus.request(GetStaffingRequest, { requestId }, context);
  }

  @Post(':requestId/rota')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Roster a staffing request now with the qualified people of the staff pool, and publish the rota',
    description:
      'Provisional: the engine-backed rota replaces this route; the rota is published as scheduling.rota.published.v1.',
  })
  @ApiOkResponse({ type: StaffingRequestViewV1 })
  roster(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<StaffingRequestViewV1> {
    return this.bus.request(RosterStaffingRequest, { requestId }, context);
  }
}
