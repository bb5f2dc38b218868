import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  AddVolunteer,
  AddVolunteerBodyV1,
  AnnouncementViewV1,
  CampaignListV1,
  CampaignViewV1,
  CancelSession,
  CancelSessionBodyV1,
  CreateCampaign,
  CreateCampaignV1,
  GetAnnouncement,
  GetCampaign,
  GetSession,
  ListCampaigns,
  ListCampaignsV1,
  ListSessionNotifications,
  ListSessions,
  ListVolunteers,
  MoveSession,
  MoveSessionBodyV1,
  PlanSession,
  PlanSessionBodyV1,
  RecordSessionOutcome,
  RequestContextV1,
  SendAnnouncement,
  SendAnnouncementBodyV1,
  SessionListV1,
  SessionNotificationListV1,
  SessionOutcomeBodyV1,
  SessionViewV1,
  VolunteerListV1,
  VolunteerViewV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController, uuid } from '../http/tenant-controller';

/** Prevention campaigns: plans, sessions, volunteers and announcements; the campaigns service decides. */
@TenantController('campaigns', 'campaigns')
export class CampaignsController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Open a prevention campaign (theme, ACI mission, target population on the territory, period, objectives)',
  })
  @ApiCreatedResponse({ type: CampaignViewV1 })
  create(
    @Body() body: CreateCampaignV1,
    @Ctx() context: RequestContextV1,
  ): Promise<CampaignViewV1> {
    return this.bus.request(CreateCampaign, body, context);
  }

  @Get()
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'The campaigns of the CPTS, latest first' })
  @ApiOkResponse({ type: CampaignListV1 })
  list(@Query() query: ListCampaignsV1, @Ctx() context: RequestContextV1): Promise<CampaignListV1> {
    return this.bus.request(ListCampaigns, query, context);
  }

  @Get(':campaignId')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'One campaign' })
  @ApiOkResponse({ type: CampaignViewV1 })
  get(
    @Param('campaignId', uuid) campaignId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<CampaignViewV1> {
    return this.bus.request(GetCampaign, { campaignId }, context);
  }

  @Post(':campaignId/sessions')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Plan a session of the campaign',
    description:
      'Inside the campaign period, on the territory; a session that needs staff sends scheduling a staffing request.',
  })
  @ApiCreatedResponse({ type: SessionViewV1 })
  planSession(
    @Param('campaignId', uuid) campaignId: string,
    @Body() body: PlanSessionBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionViewV1> {
    return this.bus.request(PlanSession, { ...body, campaignId }, context);
  }

  @Get(':campaignId/sessions')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'The sessions of a campaign, with who the rota assigned' })
  @ApiOkResponse({ type: SessionListV1 })
  sessions(
    @Param('campaignId', uuid) campaignId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionListV1> {
    return this.bus.request(ListSessions, { campaignId }, context);
  }

  @Get(':campaignId/sessions/:sessionId')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'One session, with who the published rota assigned and its outcome' })
  @ApiOkResponse({ type: SessionViewV1 })
  session(
    @Param('campaignId', uuid) campaignId: string,
    @Param('sessionId', uuid) sessionId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionViewV1> {
    return this.bus.request(GetSession, { campaignId, sessionId }, context);
  }

  @Post(':campaignId/sessions/:sessionId/move')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Move a planned session; those assigned and signed up are notified' })
  @ApiOkResponse({ type: SessionViewV1 })
  move(
    @Param('campaignId', uuid) campaignId: string,
    @Param('sessionId', uuid) sessionId: string,
    @Body() body: MoveSessionBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionViewV1> {
    return this.bus.request(MoveSession, { ...body, campaignId, sessionId }, context);
  }

  @Post(':campaignId/sessions/:sessionId/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Cancel a planned session; those assigned and signed up are notified' })
  @ApiOkResponse({ type: SessionViewV1 })
  cancel(
    @Param('campaignId', uuid) campaignId: string,
    @Param('sessionId', uuid) sessionId: string,
    @Body() body: CancelSessionBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionViewV1> {
    return this.bus.request(CancelSession, { ...body, campaignId, sessionId }, context);
  }

  @Put(':campaignId/sessions/:sessionId/outcome')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record what a held session achieved: counts only, no patient data' })
  @ApiOkResponse({ type: SessionViewV1 })
  outcome(
    @Param('campaignId', uuid) campaignId: string,
    @Param('sessionId', uuid) sessionId: string,
    @Body() body: SessionOutcomeBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionViewV1> {
    return this.bus.request(RecordSessionOutcome, { ...body, campaignId, sessionId }, context);
  }

  @Get(':campaignId/sessions/:sessionId/notifications')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Who was told the session moved or was cancelled' })
  @ApiOkResponse({ type: SessionNotificationListV1 })
  notifications(
    @Param('campaignId', uuid) campaignId: string,
    @Param('sessionId', uuid) sessionId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<SessionNotificationListV1> {
    return this.bus.request(ListSessionNotifications, { campaignId, sessionId }, context);
  }

  @Post(':campaignId/volunteers')
  @HttpCode(201)
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary: 'Volunteer for the campaign or one of its sessions',
    description:
      'A member signs up themselves; a coordinator may sign up a member or add a non-member (e.g. recruited by the municipality).',
  })
  @ApiCreatedResponse({ type: VolunteerViewV1 })
  volunteer(
    @Param('campaignId', uuid) campaignId: string,
    @Body() body: AddVolunteerBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<VolunteerViewV1> {
    return this.bus.request(AddVolunteer, { ...body, campaignId }, context);
  }

  @Get(':campaignId/volunteers')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'The volunteers of a campaign' })
  @ApiOkResponse({ type: VolunteerListV1 })
  volunteers(
    @Param('campaignId', uuid) campaignId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<VolunteerListV1> {
    return this.bus.request(ListVolunteers, { campaignId }, context);
  }

  @Post(':campaignId/announcements')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Send a message to the members matching an audience (profession, commune, skill); recorded with who received it',
  })
  @ApiCreatedResponse({ type: AnnouncementViewV1 })
  announce(
    @Param('campaignId', uuid) campaignId: string,
    @Body() body: SendAnnouncementBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<AnnouncementViewV1> {
    return this.bus.request(SendAnnouncement, { ...body, campaignId }, context);
  }

  @Get(':campaignId/announcements/:announcementId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'An announcement and who received it' })
  @ApiOkResponse({ type: AnnouncementViewV1 })
  announcement(
    @Param('campaignId', uuid) campaignId: string,
    @Param('announcementId', uuid) announcementId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<AnnouncementViewV1> {
    return this.bus.request(GetAnnouncement, { campaignId, announcementId }, context);
  }
}
