import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import {
  AcknowledgeReferral,
  CompleteReferral,
  ListReferrals,
  ListReferralsV1,
  ReferralListV1,
  ReferralViewV1,
  RequestContextV1,
  SendReferral,
  SendReferralV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/** Cases a professional orients to a partner: sent → acknowledged → done, no medical content. */
@ApiForbiddenResponse({ description: 'no role allowed for this action in this CPTS' })
@TenantController('partners', 'referrals')
export class ReferralsController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('member', 'coordinator')
  @ApiOperation({
    summary: 'Orient a case to a partner',
    description:
      'Only a case reference (no names, no notes), the partner, the contact and dates are kept. The CPTS needs an agreement in force with the partner.',
  })
  @ApiCreatedResponse({ type: ReferralViewV1 })
  @ApiBadRequestResponse({
    description: 'invalid reference, unknown contact or no agreement with the partner',
  })
  @ApiConflictResponse({ description: 'this reference was already sent to this partner' })
  send(@Body() body: SendReferralV1, @Ctx() context: RequestContextV1): Promise<ReferralViewV1> {
    return this.bus.request(SendReferral, body, context);
  }

  @Get()
  @Roles('member', 'coordinator', 'partner')
  @ApiOperation({
    summary:
      'Referrals: a partner sees those sent to it, a professional those they sent, the coordination all',
  })
  @ApiOkResponse({ type: ReferralListV1 })
  list(@Query() query: ListReferralsV1, @Ctx() context: RequestContextV1): Promise<ReferralListV1> {
    return this.bus.request(ListReferrals, query, context);
  }

  @Post(':referralId/acknowledge')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({ summary: 'The partner acknowledges a referral sent to it' })
  @ApiOkResponse({ type: ReferralViewV1 })
  @ApiNotFoundResponse({ description: 'no such referral for your organisation' })
  @ApiConflictResponse({ description: 'not in status sent' })
  acknowledge(
    @Param('referralId', uuid) referralId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<ReferralViewV1> {
    return this.bus.request(AcknowledgeReferral, { referralId }, context);
  }

  @Post(':referralId/complete')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({ summary: 'The partner marks an acknowledged referral done' })
  @ApiOkResponse({ type: ReferralViewV1 })
  @ApiConflictResponse({ description: 'not in status acknowledged' })
  complete(
    @Param('referralId', uuid) referralId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<ReferralViewV1> {
    return this.bus.request(CompleteReferral, { referralId }, context);
  }
}
