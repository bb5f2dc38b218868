import { Body, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import {
  ChangeSiteOperator,
  ChangeSiteOperatorBodyV1,
  CreateSite,
  CreateSiteV1,
  DeclareVaccinationSession,
  DeclareVaccinationSessionBodyV1,
  GetSite,
  ListSites,
  RequestContextV1,
  SiteListV1,
  SiteViewV1,
  VaccinationSessionViewV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/** Vaccination centres and SNP sectors of a CPTS, their operator and their dose supply. */
@ApiForbiddenResponse({ description: 'not a coordinator of this CPTS' })
@TenantController('scheduling', 'sites')
export class SitesController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Create a vaccination centre (lines, boxes, opening hours) or an SNP sector (time bands)',
  })
  @ApiCreatedResponse({ type: SiteViewV1 })
  @ApiBadRequestResponse({ description: 'a field is invalid: `errors[].field` names it' })
  create(@Body() body: CreateSiteV1, @Ctx() context: RequestContextV1): Promise<SiteViewV1> {
    return this.bus.request(CreateSite, body, context);
  }

  @Get()
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'The sites of the CPTS' })
  @ApiOkResponse({ type: SiteListV1 })
  list(@Ctx() context: RequestContextV1): Promise<SiteListV1> {
    return this.bus.request(ListSites, {}, context);
  }

  @Get(':siteId')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'One site' })
  @ApiOkResponse({ type: SiteViewV1 })
  @ApiNotFoundResponse({ description: 'no such site in this CPTS' })
  get(
    @Param('siteId', uuid) siteId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<SiteViewV1> {
    return this.bus.request(GetSite, { siteId }, context);
  }

  @Put(':siteId/operator')
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Hand the site to another operator from a date (e.g. to the fire brigade); the history is kept',
  })
  @ApiOkResponse({ type: SiteViewV1 })
  changeOperator(
    @Param('siteId', uuid) siteId: string,
    @Body() body: ChangeSiteOperatorBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SiteViewV1> {
    return this.bus.request(ChangeSiteOperator, { ...body, siteId }, context);
  }

  @Post(':siteId/vaccination-sessions')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Declare the dose supply of a vaccination session',
    description:
      'The doses decide how many boxes open: ceil(doses / (throughput per box per hour × hours)), capped by the boxes of the line. Each box needs a doctor and a nurse. Declaring the same line, day and start again replaces it.',
  })
  @ApiCreatedResponse({ type: VaccinationSessionViewV1 })
  declareSession(
    @Param('siteId', uuid) siteId: string,
    @Body() body: DeclareVaccinationSessionBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<VaccinationSessionViewV1> {
    return this.bus.request(DeclareVaccinationSession, { ...body, siteId }, context);
  }
}
