import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  CancelSession,
  CancelSessionV1,
  GetSession,
  ListSessionNotifications,
  ListSessions,
  ListSessionsV1,
  MoveSession,
  MoveSessionV1,
  PlanSession,
  PlanSessionV1,
  ProblemError,
  RecordSessionOutcome,
  RecordSessionOutcomeV1,
  SessionListV1,
  SessionNotificationListV1,
  SessionOutcomeRecorded,
  SessionPlanned,
  SessionRefV1,
  SessionStaffingRequested,
  SessionViewV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireRole } from '../common/access';
import { findCampaign } from '../campaigns/campaign.service';
import { territoryOf } from '../territory/territory';
import { SessionAssignmentEntity } from './session-assignment.entity';
import { applyCancel, applyMove } from './session-changes';
import { SessionEntity } from './session.entity';
import { SessionNotificationEntity } from './session-notification.entity';
import { checkSessionWindowAndPlace } from './session-rules';

/** Plans the sessions of a campaign, moves, cancels them and records what they achieved. */
@Injectable()
export class SessionService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(PlanSession)
  async plan(body: PlanSessionV1, context: RequestContext): Promise<SessionViewV1> {
    requireRole(context, ['coordinator'], 'planning a session');
    return this.unitOfWork.run(context, async (tx) => {
      const campaign = await findCampaign(tx.manager, context.tenantId, body.campaignId);
      const window = { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
      const errors = checkSessionWindowAndPlace(
        window,
        body.place,
        campaign,
        await territoryOf(tx.manager, context.tenantId),
      );
      if (errors.length)
        throw ProblemError.badRequest(errors, 'The session cannot be planned as described.');
      const now = new Date();
      const session = tx.manager.getRepository(SessionEntity).create({
        tenantId: context.tenantId,
        sessionId: randomUUID(),
        campaignId: campaign.campaignId,
        title: body.title,
        format: body.format,
        place: { ...body.place },
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        capacity: body.capacity,
        staffingNeeds: body.staffingNeeds.map((need) => ({ ...need })),
        vaccinationSessionId: body.vaccinationSessionId ?? null,
        status: 'planned',
        cancelReason: null,
        staffingRequestId: body.staffingNeeds.length ? randomUUID() : null,
        participants: null,
        screeningsDone: null,
        referredToGp: null,
        outcomeRecordedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.manager.getRepository(SessionEntity).insert(session);
      await tx.emit(SessionPlanned, {
        campaignId: session.campaignId,
        sessionId: session.sessionId,
        format: session.format,
        place: session.place,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        capacity: session.capacity,
        ...(session.vaccinationSessionId
          ? { vaccinationSessionId: session.vaccinationSessionId }
          : {}),
      });
      if (session.staffingRequestId) {
        await tx.emit(SessionStaffingRequested, {
          requestId: session.staffingRequestId,
          tenantId: context.tenantId,
          campaignId: session.campaignId,
          sessionId: session.sessionId,
          title: session.title,
          place: session.place,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          needs: session.staffingNeeds,
        });
      }
      return toSessionView(session, []);
    });
  }

  @OnRequest(GetSession)
  async get(query: SessionRefV1, context: RequestContext): Promise<SessionViewV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const session = await findSession(
        manager,
        context.tenantId,
        query.campaignId,
        query.sessionId,
      );
      return toSessionView(
        session,
        await assignmentsOf(manager, context.tenantId, [session.sessionId]),
      );
    });
  }

  @OnRequest(ListSessions)
  async list(query: ListSessionsV1, context: RequestContext): Promise<SessionListV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      await findCampaign(manager, context.tenantId, query.campaignId);
      const sessions = await manager.getRepository(SessionEntity).find({
        where: { tenantId: context.tenantId, campaignId: query.campaignId },
        order: { startsAt: 'ASC' },
      });
      const assignments = await assignmentsOf(
        manager,
        context.tenantId,
        sessions.map((s) => s.sessionId),
      );
      return { sessions: sessions.map((s) => toSessionView(s, assignments)) };
    });
  }

  @OnRequest(MoveSession)
  async move(body: MoveSessionV1, context: RequestContext): Promise<SessionViewV1> {
    requireRole(context, ['coordinator'], 'moving a session');
    return this.unitOfWork.run(context, async (tx) => {
      const campaign = await findCampaign(tx.manager, context.tenantId, body.campaignId);
      const session = await findSession(
        tx.manager,
        context.tenantId,
        body.campaignId,
        body.sessionId,
        true,
      );
      if (session.status !== 'planned')
        throw ProblemError.conflict(
          `the session is ${session.status}: only a planned session can be moved`,
        );
      const window = { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
      const errors = checkSessionWindowAndPlace(
        window,
        body.place,
        campaign,
        await territoryOf(tx.manager, context.tenantId),
      );
      if (errors.length)
        throw ProblemError.badRequest(errors, 'The session cannot be moved there.');
      await applyMove(tx.manager, tx.emit, session, {
        ...window,
        place: body.place,
        reason: body.reason,
        movedBy: 'coordinator',
      });
      return toSessionView(
        session,
        await assignmentsOf(tx.manager, context.tenantId, [session.sessionId]),
      );
    });
  }

  @OnRequest(CancelSession)
  async cancel(body: CancelSessionV1, context: RequestContext): Promise<SessionViewV1> {
    requireRole(context, ['coordinator'], 'cancelling a session');
    return this.unitOfWork.run(context, async (tx) => {
      const session = await findSession(
        tx.manager,
        context.tenantId,
        body.campaignId,
        body.sessionId,
        true,
      );
      if (session.status !== 'planned')
        throw ProblemError.conflict(
          `the session is ${session.status}: only a planned session can be cancelled`,
        );
      await applyCancel(tx.manager, tx.emit, session, {
        reason: body.reason,
        cancelledBy: 'coordinator',
      });
      return toSessionView(
        session,
        await assignmentsOf(tx.manager, context.tenantId, [session.sessionId]),
      );
    });
  }

  @OnRequest(RecordSessionOutcome)
  async recordOutcome(
    body: RecordSessionOutcomeV1,
    context: RequestContext,
  ): Promise<SessionViewV1> {
    requireRole(context, ['coordinator'], 'recording what a session achieved');
    return this.unitOfWork.run(context, async (tx) => {
      const session = await findSession(
        tx.manager,
        context.tenantId,
        body.campaignId,
        body.sessionId,
        true,
      );
      if (session.status === 'cancelled')
        throw ProblemError.conflict('the session was cancelled: it has no outcome');
      if (session.startsAt.getTime() > Date.now())
        throw ProblemError.conflict(
          'the session has not started yet: record its outcome once held',
        );
      if (body.referredToGp > body.participants) {
        throw ProblemError.badRequest([
          {
            field: 'referredToGp',
            reason: `more people referred to their GP (${body.referredToGp}) than participants (${body.participants})`,
          },
        ]);
      }
      session.status = 'held';
      session.participants = body.participants;
      session.screeningsDone = body.screeningsDone;
      session.referredToGp = body.referredToGp;
      session.outcomeRecordedAt = new Date();
      session.updatedAt = session.outcomeRecordedAt;
      await tx.manager.getRepository(SessionEntity).save(session);
      await tx.emit(SessionOutcomeRecorded, {
        campaignId: session.campaignId,
        sessionId: session.sessionId,
        participants: body.participants,
        screeningsDone: body.screeningsDone,
        referredToGp: body.referredToGp,
      });
      return toSessionView(
        session,
        await assignmentsOf(tx.manager, context.tenantId, [session.sessionId]),
      );
    });
  }

  @OnRequest(ListSessionNotifications)
  async notifications(
    query: SessionRefV1,
    context: RequestContext,
  ): Promise<SessionNotificationListV1> {
    requireRole(context, ['coordinator'], 'reading the notifications of a session');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      await findSession(manager, context.tenantId, query.campaignId, query.sessionId);
      const rows = await manager.getRepository(SessionNotificationEntity).find({
        where: { tenantId: context.tenantId, sessionId: query.sessionId },
        order: { createdAt: 'ASC', displayName: 'ASC' },
      });
      return {
        notifications: rows.map((n) => ({
          notificationId: n.notificationId,
          kind: n.kind,
          ...(n.memberId ? { memberId: n.memberId } : {}),
          ...(n.volunteerId ? { volunteerId: n.volunteerId } : {}),
          displayName: n.displayName,
          message: n.message,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    });
  }
}

export async function findSession(
  manager: EntityManager,
  tenantId: string,
  campaignId: string,
  sessionId: string,
  forUpdate = false,
): Promise<SessionEntity> {
  const session = await manager.getRepository(SessionEntity).findOne({
    where: { tenantId, campaignId, sessionId },
    ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!session) throw ProblemError.notFound(`no session ${sessionId} in campaign ${campaignId}`);
  return session;
}

async function assignmentsOf(
  manager: EntityManager,
  tenantId: string,
  sessionIds: string[],
): Promise<SessionAssignmentEntity[]> {
  if (!sessionIds.length) return [];
  return manager
    .getRepository(SessionAssignmentEntity)
    .createQueryBuilder('a')
    .where('a.tenant_id = :tenantId AND a.session_id IN (:...sessionIds)', { tenantId, sessionIds })
    .orderBy('a.starts_at', 'ASC')
    .addOrderBy('a.display_name', 'ASC')
    .getMany();
}

export function toSessionView(
  session: SessionEntity,
  assignments: SessionAssignmentEntity[],
): SessionViewV1 {
  return {
    campaignId: session.campaignId,
    sessionId: session.sessionId,
    title: session.title,
    format: session.format,
    place: session.place,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    capacity: session.capacity,
    staffingNeeds: session.staffingNeeds,
    ...(session.vaccinationSessionId ? { vaccinationSessionId: session.vaccinationSessionId } : {}),
    status: session.status,
    ...(session.staffingRequestId ? { staffingRequestId: session.staffingRequestId } : {}),
    ...(session.cancelReason ? { cancelReason: session.cancelReason } : {}),
    assignments: assignments
      .filter((a) => a.sessionId === session.sessionId)
      .map((a) => ({
        memberId: a.memberId,
        displayName: a.displayName,
        ...(a.profession ? { profession: a.profession } : {}),
        ...(a.skill ? { skill: a.skill } : {}),
        rotaId: a.rotaId,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
      })),
    ...(session.status === 'held' && session.participants !== null
      ? {
          outcome: {
            participants: session.participants,
            screeningsDone: session.screeningsDone ?? 0,
            referredToGp: session.referredToGp ?? 0,
          },
        }
      : {}),
  };
}
