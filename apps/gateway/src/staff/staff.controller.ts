import { Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { GetStaffMember, RequestContextV1, StaffMemberViewV1 } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

@TenantController('scheduling', 'staff')
export class StaffController {
  constructor(private readonly bus: MessageBus) {}

  @Get(':memberId')
  @Roles('coordinator', 'scheduler')
  @ApiOperation({ summary: "A person of the scheduling service's staff pool" })
  @ApiOkResponse({ type: StaffMemberViewV1 })
  get(
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<StaffMemberViewV1> {
    return this.bus.request(GetStaffMember, { memberId }, context);
  }
}
