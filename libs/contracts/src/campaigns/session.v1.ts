import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';
import {
  INSEE_COMMUNE,
  PLACE_KINDS,
  PlaceKind,
  SESSION_FORMATS,
  SESSION_STATUSES,
  SessionFormat,
  SessionStatus,
} from './campaign-catalogue';

/** An instant with its offset, e.g. 2026-10-15T09:00:00+02:00. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class SessionPlaceV1 {
  @ApiProperty({ enum: PLACE_KINDS, example: 'village-hall' })
  @IsIn(PLACE_KINDS)
  kind!: PlaceKind;

  @ApiProperty({ example: 'Salle des fêtes de Beaumont-lès-Valence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;

  @ApiProperty({
    example: '26037',
    description: 'INSEE code; must belong to the territory of the CPTS',
  })
  @Matches(INSEE_COMMUNE, { message: 'commune must be an INSEE code' })
  commune!: string;

  @ApiPropertyOptional({
    description: "scheduling's site id when the place is one of the CPTS sites",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  siteId?: string;
}

/** Who a session needs: by profession, by skill, or both (e.g. 2 nurses, 6 ICOPE-trained volunteers). */
export class StaffingNeedV1 {
  @ApiPropertyOptional({ example: 'nurse' })
  @ValidateIf((need: StaffingNeedV1) => need.skill === undefined || need.profession !== undefined)
  // the last decorator is checked first: the missing profession is named before its length
  @MaxLength(64)
  @IsNotEmpty()
  @IsString({ message: 'a need names a profession, a skill or both' })
  profession?: string;

  @ApiPropertyOptional({ example: 'icope-trained' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  skill?: string;

  @ApiProperty({ minimum: 1, example: 2 })
  @IsInt()
  @Min(1)
  @Max(500)
  count!: number;
}

/** Body of POST /campaigns/{campaignId}/sessions. */
export class PlanSessionBodyV1 {
  @ApiProperty({ example: 'Dépistage ICOPE — Beaumont' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: SESSION_FORMATS })
  @IsIn(SESSION_FORMATS)
  format!: SessionFormat;

  @ApiProperty({ type: SessionPlaceV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => SessionPlaceV1)
  place!: SessionPlaceV1;

  @ApiProperty({ example: '2026-10-15T09:00:00+02:00' })
  @Matches(DATE_TIME, { message: 'startsAt must be a date-time with its offset' })
  startsAt!: string;

  @ApiProperty({ example: '2026-10-15T12:30:00+02:00' })
  @Matches(DATE_TIME, { message: 'endsAt must be a date-time with its offset' })
  endsAt!: string;

  @ApiProperty({
    minimum: 0,
    example: 40,
    description: 'how many members of the public it can receive',
  })
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity!: number;

  @ApiProperty({ type: [StaffingNeedV1] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StaffingNeedV1)
  staffingNeeds!: StaffingNeedV1[];

  @ApiPropertyOptional({
    description:
      "scheduling's vaccination session this one rides on (required for format vaccination-rider)",
  })
  @ValidateIf(
    (body: PlanSessionBodyV1) =>
      body.format === 'vaccination-rider' || body.vaccinationSessionId !== undefined,
  )
  @MaxLength(100)
  @IsNotEmpty()
  @IsString({ message: 'a vaccination-rider session names the vaccination session it rides on' })
  vaccinationSessionId?: string;
}

export class PlanSessionV1 extends PlanSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
}

export class SessionRefV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
}

/** Body of POST …/sessions/{sessionId}/move. */
export class MoveSessionBodyV1 {
  @ApiProperty()
  @Matches(DATE_TIME, { message: 'startsAt must be a date-time with its offset' })
  startsAt!: string;
  @ApiProperty()
  @Matches(DATE_TIME, { message: 'endsAt must be a date-time with its offset' })
  endsAt!: string;
  @ApiPropertyOptional({ type: SessionPlaceV1 })
  @IsOptional()
  @ValidateNested()
  @Type(() => SessionPlaceV1)
  place?: SessionPlaceV1;
  @ApiPropertyOptional({ example: 'the hall is booked' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
export class MoveSessionV1 extends MoveSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
}

/** Body of POST …/sessions/{sessionId}/cancel. */
export class CancelSessionBodyV1 {
  @ApiProperty({ example: 'vaccine delivery postponed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
export class CancelSessionV1 extends CancelSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
}

/** Body of PUT …/sessions/{sessionId}/outcome: counts only, never patient data. */
export class SessionOutcomeBodyV1 {
  @ApiProperty({ minimum: 0, example: 38 }) @IsInt() @Min(0) @Max(100_000) participants!: number;
  @ApiProperty({ minimum: 0, example: 35 }) @IsInt() @Min(0) @Max(100_000) screeningsDone!: number;
  @ApiProperty({ minimum: 0, example: 6, description: 'findings passed on to the patient’s GP' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  referredToGp!: number;
}
export class RecordSessionOutcomeV1 extends SessionOutcomeBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
}

export class SessionAssignmentViewV1 {
  @ApiProperty() memberId!: string;
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional() profession?: string;
  @ApiPropertyOptional() skill?: string;
  @ApiProperty() rotaId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
}

export class SessionViewV1 extends PlanSessionBodyV1 {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiPropertyOptional({ format: 'uuid' }) staffingRequestId?: string;
  @ApiPropertyOptional() cancelReason?: string;
  @ApiProperty({ type: [SessionAssignmentViewV1], description: 'who the published rota assigned' })
  assignments!: SessionAssignmentViewV1[];
  @ApiPropertyOptional({ type: SessionOutcomeBodyV1 }) outcome?: SessionOutcomeBodyV1;
}

export class SessionListV1 {
  @ApiProperty({ type: [SessionViewV1] }) sessions!: SessionViewV1[];
}

/** Someone told about a change of a session they were assigned to or signed up for. */
export class NotifiedPersonV1 {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() volunteerId?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) displayName!: string;
}

export class SessionNotificationViewV1 {
  @ApiProperty() notificationId!: string;
  @ApiProperty({ enum: ['session-moved', 'session-cancelled'] }) kind!:
    'session-moved' | 'session-cancelled';
  @ApiPropertyOptional() memberId?: string;
  @ApiPropertyOptional() volunteerId?: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() message!: string;
  @ApiProperty() createdAt!: string;
}
export class SessionNotificationListV1 {
  @ApiProperty({ type: [SessionNotificationViewV1] }) notifications!: SessionNotificationViewV1[];
}

/** Published once per session that needs staff; scheduling turns it into shifts to fill. */
export class SessionStaffingRequestedV1 {
  @ApiProperty({ format: 'uuid', description: 'the request; rotas refer to it' })
  @IsUUID()
  requestId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() tenantId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ type: SessionPlaceV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => SessionPlaceV1)
  place!: SessionPlaceV1;
  @ApiProperty() @Matches(DATE_TIME) startsAt!: string;
  @ApiProperty() @Matches(DATE_TIME) endsAt!: string;
  @ApiProperty({ type: [StaffingNeedV1] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StaffingNeedV1)
  needs!: StaffingNeedV1[];
}

export class SessionPlannedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) @IsIn(SESSION_FORMATS) format!: SessionFormat;
  @ApiProperty({ type: SessionPlaceV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => SessionPlaceV1)
  place!: SessionPlaceV1;
  @ApiProperty() @Matches(DATE_TIME) startsAt!: string;
  @ApiProperty() @Matches(DATE_TIME) endsAt!: string;
  @ApiProperty() @IsInt() @Min(0) capacity!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) vaccinationSessionId?: string;
}

export class SessionMovedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() staffingRequestId?: string;
  @ApiProperty({ type: SessionPlaceV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => SessionPlaceV1)
  place!: SessionPlaceV1;
  @ApiProperty() @Matches(DATE_TIME) startsAt!: string;
  @ApiProperty() @Matches(DATE_TIME) endsAt!: string;
  @ApiProperty() @Matches(DATE_TIME) previousStartsAt!: string;
  @ApiProperty() @Matches(DATE_TIME) previousEndsAt!: string;
  @ApiProperty({ enum: ['coordinator', 'vaccination-session'] })
  @IsIn(['coordinator', 'vaccination-session'])
  movedBy!: 'coordinator' | 'vaccination-session';
  @ApiProperty({ type: [NotifiedPersonV1] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NotifiedPersonV1)
  notified!: NotifiedPersonV1[];
}

export class SessionCancelledV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() staffingRequestId?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiProperty({ enum: ['coordinator', 'vaccination-session'] })
  @IsIn(['coordinator', 'vaccination-session'])
  cancelledBy!: 'coordinator' | 'vaccination-session';
  @ApiProperty({ type: [NotifiedPersonV1] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NotifiedPersonV1)
  notified!: NotifiedPersonV1[];
}

export class SessionOutcomeRecordedV1 extends SessionOutcomeBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId!: string;
}

export const PlanSession = defineRequest<PlanSessionV1, SessionViewV1>(
  'campaigns.session.plan.v1',
  PlanSessionV1,
);
export const GetSession = defineRequest<SessionRefV1, SessionViewV1>(
  'campaigns.session.get.v1',
  SessionRefV1,
);
export class ListSessionsV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
}

export const ListSessions = defineRequest<ListSessionsV1, SessionListV1>(
  'campaigns.session.list.v1',
  ListSessionsV1,
);
export const MoveSession = defineRequest<MoveSessionV1, SessionViewV1>(
  'campaigns.session.move.v1',
  MoveSessionV1,
);
export const CancelSession = defineRequest<CancelSessionV1, SessionViewV1>(
  'campaigns.session.cancel.v1',
  CancelSessionV1,
);
export const RecordSessionOutcome = defineRequest<RecordSessionOutcomeV1, SessionViewV1>(
  'campaigns.session.record-outcome.v1',
  RecordSessionOutcomeV1,
);
export const ListSessionNotifications = defineRequest<SessionRefV1, SessionNotificationListV1>(
  'campaigns.session.notifications.v1',
  SessionRefV1,
);

export const SessionPlanned = defineEvent('campaigns.session.planned.v1', SessionPlannedV1);
export const SessionStaffingRequested = defineEvent(
  'campaigns.session.staffing-requested.v1',
  SessionStaffingRequestedV1,
);
export const SessionMoved = defineEvent('campaigns.session.moved.v1', SessionMovedV1);
export const SessionCancelled = defineEvent('campaigns.session.cancelled.v1', SessionCancelledV1);
export const SessionOutcomeRecorded = defineEvent(
  'campaigns.session.outcome-recorded.v1',
  SessionOutcomeRecordedV1,
);
