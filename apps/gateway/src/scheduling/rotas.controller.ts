import { Body, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AcceptSwap,
  EditRota,
  EditRotaBodyV1,
  GetRota,
  ListRotas,
  ListRotasV1,
  ProposeSwap,
  ProposeSwapBodyV1,
  PublishRota,
  RenderRotaPage,
  RequestContextV1,
  RotaListV1,
  RotaViewV1,
  SwapViewV1,
  WithdrawFromShift,
  WithdrawFromShiftBodyV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, OwnMember, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/**
 * Rotas: coordinators review drafts, edit them by hand (checked against every
 * hard rule), publish; members read published rotas, withdraw from a shift
 * (the rota is repaired) and swap shifts with each other.
 */
@ApiForbiddenResponse({ description: 'not allowed for this role' })
@ApiNotFoundResponse({ description: 'no such rota (members see published rotas only)' })
@TenantController('scheduling')
export class RotasController {
  constructor(private readonly bus: MessageBus) {}

  @Get('rotas')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Rotas of the CPTS (members: the published ones)' })
  @ApiOkResponse({ type: RotaListV1 })
  list(@Query() query: ListRotasV1, @Ctx() context: RequestContextV1): Promise<RotaListV1> {
    return this.bus.request(ListRotas, query, context);
  }

  @Get('rotas/:rotaId')
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary:
      "A rota: its shifts, who fills them, and each unfilled need with the engine's explanation",
  })
  @ApiOkResponse({ type: RotaViewV1 })
  get(
    @Param('rotaId', uuid) rotaId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<RotaViewV1> {
    return this.bus.request(GetRota, { rotaId }, context);
  }

  @Post('rotas/:rotaId/edits')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Assign or unassign someone on a draft by hand',
    description:
      'Refused with 422 when the edit breaks a hard rule: `errors[].field` is `rule:<id>` (e.g. rule:minimum-rest) and the reason says for whom and where.',
  })
  @ApiOkResponse({ type: RotaViewV1 })
  @ApiUnprocessableEntityResponse({ description: 'the edit breaks a hard rule, named in errors[]' })
  @ApiConflictResponse({ description: 'the rota is not a draft' })
  edit(
    @Param('rotaId', uuid) rotaId: string,
    @Body() body: EditRotaBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<RotaViewV1> {
    return this.bus.request(EditRota, { ...body, rotaId }, context);
  }

  @Post('rotas/:rotaId/publish')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Publish a draft',
    description:
      'Emits scheduling.rota.published.v1 (revision 1) and a scheduling.shift.opened.v1 call-out per unfilled need; replaces a published rota of the same sites and days.',
  })
  @ApiOkResponse({ type: RotaViewV1 })
  @ApiConflictResponse({ description: 'already published, or the draft breaks a hard rule' })
  publish(
    @Param('rotaId', uuid) rotaId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<RotaViewV1> {
    return this.bus.request(PublishRota, { rotaId }, context);
  }

  @Post('rotas/:rotaId/withdrawals')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary: 'Withdraw a member from a published shift',
    description:
      'The rota is repaired with as few changes as possible; the difference is published (scheduling.rota.amended.v1, then scheduling.rota.published.v1 with the next revision); a gap left is called out.',
  })
  @ApiOkResponse({ type: RotaViewV1 })
  withdraw(
    @Param('rotaId', uuid) rotaId: string,
    @Body() body: WithdrawFromShiftBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<RotaViewV1> {
    return this.bus.request(WithdrawFromShift, { ...body, rotaId }, context);
  }

  @Post('rotas/:rotaId/swaps')
  @HttpCode(201)
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary: 'Propose a swap of two shifts between two members',
    description: '422 naming the rule when the swap would break one.',
  })
  @ApiCreatedResponse({ type: SwapViewV1 })
  @ApiUnprocessableEntityResponse({ description: 'the swap breaks a hard rule, named in errors[]' })
  proposeSwap(
    @Param('rotaId', uuid) rotaId: string,
    @Body() body: ProposeSwapBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SwapViewV1> {
    return this.bus.request(ProposeSwap, { ...body, rotaId }, context);
  }

  @Post('swaps/:swapId/accept')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary: 'Accept a swap (the other member or a coordinator)',
    description:
      'Checked again against the rota as it is now; applied and published only if it stays valid.',
  })
  @ApiOkResponse({ type: SwapViewV1 })
  @ApiUnprocessableEntityResponse({ description: 'the swap breaks a hard rule now' })
  acceptSwap(
    @Param('swapId', uuid) swapId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<SwapViewV1> {
    return this.bus.request(AcceptSwap, { swapId }, context);
  }

  @Get('rotas/:rotaId/page')
  @Roles('coordinator', 'member')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({
    summary:
      'The rota as a page to read at a glance: days × time bands, names, unfilled needs in red with why',
  })
  async page(
    @Param('rotaId', uuid) rotaId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<string> {
    return (await this.bus.request(RenderRotaPage, { rotaId }, context)).html;
  }

  @Get('rotas/:rotaId/sites/:siteId/page')
  @Roles('coordinator', 'member')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: "One site's page of a rota" })
  async sitePage(
    @Param('rotaId', uuid) rotaId: string,
    @Param('siteId', uuid) siteId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<string> {
    return (await this.bus.request(RenderRotaPage, { rotaId, siteId }, context)).html;
  }

  @Get('rotas/:rotaId/members/:memberId/page')
  @Roles('coordinator', 'member')
  @OwnMember()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: "One member's page of a rota (their shifts)" })
  async memberPage(
    @Param('rotaId', uuid) rotaId: string,
    @Param('memberId', uuid) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<string> {
    return (await this.bus.request(RenderRotaPage, { rotaId, memberId }, context)).html;
  }
}
