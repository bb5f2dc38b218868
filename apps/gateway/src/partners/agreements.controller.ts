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
  ActivateAgreement,
  AgreementListV1,
  AgreementViewV1,
  CreateAgreement,
  CreateAgreementV1,
  EndAgreement,
  GetAgreement,
  ListAgreements,
  ListAgreementsV1,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/** Conventions between this CPTS and its partners; a partner user sees only its own. */
@ApiForbiddenResponse({ description: 'no role allowed for this action in this CPTS' })
@TenantController('partners', 'agreements')
export class AgreementsController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Record a signed agreement with a partner',
    description:
      'Typed clauses; a staff-made-available clause names the people lent, the sites/campaigns and hour caps. The same clause (same site or campaign, or same clause type) may not run twice over overlapping periods with one partner: 409 naming the clause. When its first day has come the agreement is active at once and emits partners.staff.lent.v1 (one per staff clause); otherwise the clock starts it on its first day.',
  })
  @ApiCreatedResponse({ type: AgreementViewV1 })
  @ApiBadRequestResponse({
    description: 'a field is invalid: `errors[].field` names it; nothing is written',
  })
  @ApiConflictResponse({
    description: 'overlapping period for the same clause; nothing is written',
  })
  create(
    @Body() body: CreateAgreementV1,
    @Ctx() context: RequestContextV1,
  ): Promise<AgreementViewV1> {
    return this.bus.request(CreateAgreement, body, context);
  }

  @Get()
  @Roles('coordinator', 'scheduler', 'partner')
  @ApiOperation({ summary: 'Agreements of this CPTS (a partner user: its own only)' })
  @ApiOkResponse({ type: AgreementListV1 })
  list(
    @Query() query: ListAgreementsV1,
    @Ctx() context: RequestContextV1,
  ): Promise<AgreementListV1> {
    return this.bus.request(ListAgreements, query, context);
  }

  @Get(':agreementId')
  @Roles('coordinator', 'scheduler', 'partner')
  @ApiOperation({ summary: 'One agreement' })
  @ApiOkResponse({ type: AgreementViewV1 })
  @ApiNotFoundResponse({
    description: 'no such agreement in this CPTS (or not yours, for a partner user)',
  })
  get(
    @Param('agreementId', uuid) agreementId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<AgreementViewV1> {
    return this.bus.request(GetAgreement, { agreementId }, context);
  }

  @Post(':agreementId/activate')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Start a signed agreement now',
    description:
      'Before its first day the period is brought forward to today (checked again for overlaps). Emits partners.staff.lent.v1.',
  })
  @ApiOkResponse({ type: AgreementViewV1 })
  @ApiConflictResponse({
    description:
      'not signed (already active or ended), or the earlier start overlaps another agreement',
  })
  activate(
    @Param('agreementId', uuid) agreementId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<AgreementViewV1> {
    return this.bus.request(ActivateAgreement, { agreementId }, context);
  }

  @Post(':agreementId/end')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'End an agreement now',
    description: 'Emits partners.agreement.ended.v1: its lent staff leave the scheduling pool.',
  })
  @ApiOkResponse({ type: AgreementViewV1 })
  @ApiConflictResponse({ description: 'already ended' })
  end(
    @Param('agreementId', uuid) agreementId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<AgreementViewV1> {
    return this.bus.request(EndAgreement, { agreementId }, context);
  }
}
