import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import {
  ActionViewV1,
  DeclareAction,
  DeclareActionV1,
  GetOverlapRadar,
  RadarV1,
  RadarWindowV1,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

/** Actions a CPTS shares with its partners, and the overlap radar a partner reads. */
@ApiForbiddenResponse({ description: 'no role allowed for this action in this CPTS' })
@TenantController('partners')
export class RadarController {
  constructor(private readonly bus: MessageBus) {}

  @Post('partner-actions')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Tell partners about an action (RCP, webinar, information evening…)',
    description: 'Online actions are placed on the whole territory of the CPTS.',
  })
  @ApiCreatedResponse({ type: ActionViewV1 })
  @ApiBadRequestResponse({ description: 'a field is invalid: `errors[].field` names it' })
  declare(@Body() body: DeclareActionV1, @Ctx() context: RequestContextV1): Promise<ActionViewV1> {
    return this.bus.request(DeclareAction, body, context);
  }

  @Get('partner-radar')
  @Roles('partner')
  @ApiOperation({
    summary: "Overlap radar of the caller's partner",
    description:
      'Every action of every CPTS the partner has an agreement in force with that falls on its sectors, in the window, grouped where actions overlap in place (commune or EPCI; online competes with all) and time.',
  })
  @ApiOkResponse({ type: RadarV1 })
  radar(@Query() query: RadarWindowV1, @Ctx() context: RequestContextV1): Promise<RadarV1> {
    return this.bus.request(GetOverlapRadar, query, context);
  }
}
