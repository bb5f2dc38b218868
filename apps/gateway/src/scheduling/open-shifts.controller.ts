import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  ClaimOpenShift,
  ClaimOpenShiftBodyV1,
  ListOpenShifts,
  ListOpenShiftsV1,
  OpenShiftListV1,
  OpenShiftViewV1,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

/** Call-outs: gaps of published rotas, first valid claim wins. */
@TenantController('scheduling', 'open-shifts')
export class OpenShiftsController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Open shifts (call-outs) of published rotas' })
  @ApiOkResponse({ type: OpenShiftListV1 })
  list(
    @Query() query: ListOpenShiftsV1,
    @Ctx() context: RequestContextV1,
  ): Promise<OpenShiftListV1> {
    return this.bus.request(ListOpenShifts, query, context);
  }

  @Post(':openShiftId/claims')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary: 'Claim an open shift',
    description:
      'A member claims for themselves. The first valid claim wins (claims of a rota are serialised); later ones get 409. A claim that would break a hard rule (rest, overlap, qualification…) is a 422 naming it.',
  })
  @ApiOkResponse({ type: OpenShiftViewV1 })
  @ApiConflictResponse({ description: 'already taken' })
  @ApiUnprocessableEntityResponse({ description: 'the claim breaks a hard rule' })
  claim(
    @Param('openShiftId', new ParseUUIDPipe()) openShiftId: string,
    @Body() body: ClaimOpenShiftBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<OpenShiftViewV1> {
    return this.bus.request(ClaimOpenShift, { ...body, openShiftId }, context);
  }
}
