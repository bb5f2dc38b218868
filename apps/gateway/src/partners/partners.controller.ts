import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
  AddPartnerContact,
  ContactPointV1,
  FindContactPoint,
  FindContactPointV1,
  GetPartner,
  ListPartners,
  ListPartnersV1,
  PartnerContactInputV1,
  PartnerContactViewV1,
  PartnerListV1,
  PartnerViewV1,
  RegisterPartner,
  RegisterPartnerV1,
  RequestContextV1,
  UpdatePartnerSectors,
  UpdatePartnerSectorsBodyV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/**
 * The directory of partners (SPSTI, DAC, hospitals, EHPAD, municipalities,
 * ARS, CPAM…) shared by every CPTS, and the single contact point. A partner
 * user (role partner, token claim partnerId) reads and keeps its own entry only.
 */
@ApiForbiddenResponse({ description: 'no role allowed for this action in this CPTS' })
@TenantController('partners')
export class PartnersController {
  constructor(private readonly bus: MessageBus) {}

  @Post('partners')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Register a partner in the directory',
    description:
      'SIRET with its Luhn key (La Poste rule), FINESS required for hospitals, CHU and EHPAD, sectors as INSEE communes. One entry per SIRET: a second one is a 409 naming the existing partner.',
  })
  @ApiCreatedResponse({ type: PartnerViewV1 })
  @ApiBadRequestResponse({
    description:
      'an identifier or commune is invalid: `errors[].field` names it; nothing is written',
  })
  @ApiConflictResponse({ description: 'this SIRET is already in the directory' })
  register(
    @Body() body: RegisterPartnerV1,
    @Ctx() context: RequestContextV1,
  ): Promise<PartnerViewV1> {
    return this.bus.request(RegisterPartner, body, context);
  }

  @Get('partners')
  @Roles('coordinator', 'scheduler', 'member', 'partner')
  @ApiOperation({
    summary: 'Partners of this CPTS, or the directory entry of a SIRET',
    description: 'A partner user gets its own entry only.',
  })
  @ApiOkResponse({ type: PartnerListV1 })
  list(@Query() query: ListPartnersV1, @Ctx() context: RequestContextV1): Promise<PartnerListV1> {
    return this.bus.request(ListPartners, query, context);
  }

  @Get('partners/:partnerId')
  @Roles('coordinator', 'scheduler', 'member', 'partner')
  @ApiOperation({
    summary: 'One partner',
    description:
      'Contacts are shown to the partner itself and to CPTS that registered or signed with it.',
  })
  @ApiOkResponse({ type: PartnerViewV1 })
  @ApiNotFoundResponse({ description: 'no such partner (or not yours, for a partner user)' })
  get(
    @Param('partnerId', uuid) partnerId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<PartnerViewV1> {
    return this.bus.request(GetPartner, { partnerId }, context);
  }

  @Put('partners/:partnerId/sectors')
  @Roles('coordinator', 'partner')
  @ApiOperation({
    summary:
      "Replace the partner's sectors (INSEE communes; they need not match any CPTS territory)",
  })
  @ApiOkResponse({ type: PartnerViewV1 })
  updateSectors(
    @Param('partnerId', uuid) partnerId: string,
    @Body() body: UpdatePartnerSectorsBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<PartnerViewV1> {
    return this.bus.request(UpdatePartnerSectors, { partnerId, sectors: body.sectors }, context);
  }

  @Post('partners/:partnerId/contacts')
  @HttpCode(201)
  @Roles('coordinator', 'partner')
  @ApiOperation({ summary: 'Add a contact and what it answers for (communes, companies by SIRET)' })
  @ApiCreatedResponse({ type: PartnerContactViewV1 })
  addContact(
    @Param('partnerId', uuid) partnerId: string,
    @Body() body: PartnerContactInputV1,
    @Ctx() context: RequestContextV1,
  ): Promise<PartnerContactViewV1> {
    return this.bus.request(AddPartnerContact, { partnerId, contact: body }, context);
  }

  @Get('contact-point')
  @Roles('member', 'coordinator', 'scheduler')
  @ApiOperation({
    summary: 'Single contact point: who to call at each partner for a commune or a company',
    description:
      "Answers from the partners this CPTS has an agreement in force with: the contact following the company (SIRET) first, then the contact for the commune, then the partner's referent when the commune is in its sectors.",
  })
  @ApiOkResponse({ type: ContactPointV1 })
  contactPoint(
    @Query() query: FindContactPointV1,
    @Ctx() context: RequestContextV1,
  ): Promise<ContactPointV1> {
    return this.bus.request(FindContactPoint, query, context);
  }
}
