import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import {
  CalendarFeedViewV1,
  IssueCalendarFeed,
  ProblemError,
  ReadCalendarFeed,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus, Public } from '@maillage/platform';
import { Ctx, OwnMember, Roles } from '../auth/auth.guard';

const uuid = new ParseUUIDPipe();

/**
 * iCalendar feeds of published rotas. Calendar clients send no bearer token,
 * so the feed URL carries a secret: the route is public and the service
 * checks the token (issuing a new URL revokes the old one).
 */
@ApiTags('scheduling')
@ApiParam({ name: 'tenantId', description: 'the CPTS', example: 'cpts-sud-valence' })
@Controller('v1/tenants/:tenantId')
export class CalendarsController {
  constructor(private readonly bus: MessageBus) {}

  @Post('members/:memberId/calendar-feed')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({ summary: "Issue (or replace) a member's secret calendar URL" })
  @ApiCreatedResponse({ type: CalendarFeedViewV1 })
  memberFeed(
    @Param('memberId', uuid) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<CalendarFeedViewV1> {
    return this.bus.request(IssueCalendarFeed, { kind: 'member', subjectId: memberId }, context);
  }

  @Post('sites/:siteId/calendar-feed')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('coordinator')
  @ApiOperation({ summary: "Issue (or replace) a site's secret calendar URL" })
  @ApiCreatedResponse({ type: CalendarFeedViewV1 })
  siteFeed(
    @Param('siteId', uuid) siteId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<CalendarFeedViewV1> {
    return this.bus.request(IssueCalendarFeed, { kind: 'site', subjectId: siteId }, context);
  }

  @Get('calendars/:file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiParam({ name: 'file', description: '`<token>.ics` as issued' })
  @ApiOperation({
    summary:
      'An iCalendar (RFC 5545) feed: stable UIDs, SEQUENCE and LAST-MODIFIED follow the rota revisions',
  })
  @ApiOkResponse({ description: 'text/calendar' })
  async read(
    @Param('tenantId') tenantId: string,
    @Param('file') file: string,
    @Req() request: Request,
  ): Promise<string> {
    const match = /^([A-Za-z0-9_-]{32,100})\.ics$/.exec(file);
    if (!match || !/^[a-z0-9-]{1,100}$/.test(tenantId))
      throw ProblemError.notFound('no calendar at this address');
    // the token is the credential: the service checks it; no roles travel with it
    const context: RequestContextV1 = {
      tenantId,
      correlationId: String((request as Request & { id?: unknown }).id ?? ''),
      actor: { subject: 'calendar-feed', roles: [] },
    };
    return (await this.bus.request(ReadCalendarFeed, { token: match[1] }, context)).ics;
  }
}
