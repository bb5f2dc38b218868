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

/** Staffing requests scheduling received (from campaign sessions), and staffing one at once. */
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
      'Staff a staffing request now with the rota engine, and publish the rota',
    description:
      'The engine staffs the session as a rota job would (qualification, availability, monthly caps, lent staff within their agreement, fairness), leaving out people already on a published shift that overlaps it or falls within the minimum rest. The rota is published as scheduling.rota.published.v1; needs it cannot fill are counted in `assigned` < `needed`. A rota job over the same days does not staff it again.',
  })
  @ApiOkResponse({ type: StaffingRequestViewV1 })
  roster(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<StaffingRequestViewV1> {
    return this.bus.request(RosterStaffingRequest, { requestId }, context);
  }
}
