import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { defineRequest } from '../common/contract';

export const CALENDAR_FEED_KINDS = ['member', 'site'] as const;
export type CalendarFeedKind = (typeof CALENDAR_FEED_KINDS)[number];

/** Issue (or rotate) the secret calendar URL of a member or a site. */
export class IssueCalendarFeedV1 {
  @ApiProperty({ enum: CALENDAR_FEED_KINDS }) @IsIn(CALENDAR_FEED_KINDS) kind!: CalendarFeedKind;
  @ApiProperty({ format: 'uuid', description: 'the memberId or siteId' })
  @IsUUID()
  subjectId!: string;
}

export class CalendarFeedViewV1 {
  @ApiProperty({ enum: CALENDAR_FEED_KINDS }) kind!: CalendarFeedKind;
  @ApiProperty() subjectId!: string;
  @ApiProperty({
    description:
      'secret: whoever has it reads the calendar; issuing again revokes the previous one',
  })
  token!: string;
  @ApiProperty({ example: '/v1/tenants/cpts-sud-valence/calendars/3f…c2.ics' }) path!: string;
}

/** A calendar client reads a feed with the token of its URL (clients send no bearer token). */
export class ReadCalendarFeedV1 {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{32,100}$/, { message: 'token is malformed' })
  token!: string;
}
export class CalendarDocumentV1 {
  @ApiProperty({ description: 'text/calendar (RFC 5545)' }) ics!: string;
}

export const IssueCalendarFeed = defineRequest<IssueCalendarFeedV1, CalendarFeedViewV1>(
  'scheduling.calendar-feed.issue.v1',
  IssueCalendarFeedV1,
);
export const ReadCalendarFeed = defineRequest<ReadCalendarFeedV1, CalendarDocumentV1>(
  'scheduling.calendar-feed.read.v1',
  ReadCalendarFeedV1,
);
