import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MemberViewV1, RegisterMember, RegisterMemberV1, RequestContextV1 } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/tenants/:tenantId/members')
export class MembersController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Register a professional in the CPTS' })
  @ApiCreatedResponse({ type: MemberViewV1 })
  register(@Param('tenantId') _tenantId: string, @Body() body: RegisterMemberV1, @Ctx() context: RequestContextV1): Promise<MemberViewV1> {
    return this.bus.request(RegisterMember, body, context);
  }
}

