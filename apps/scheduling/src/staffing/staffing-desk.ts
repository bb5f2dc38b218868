import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  GetStaffingRequest,
  ProblemError,
  RosterStaffingRequest,
  RosterStaffingRequestV1,
  RotaPublished,
  SessionCancelled,
  SessionCancelledV1,
  SessionMoved,
  SessionMovedV1,
  SessionStaffingRequested,
  SessionStaffingRequestedV1,
  StaffingRequestViewV1,
} from '@maillage/contracts';
import {
  EventContext,
  OnEvent,
  OnRequest,
  PermanentEventError,
  RequestContext,
} from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { loadRequestStaffingInput, staffRequestWithEngine } from './request-staffing';
import { StaffingRequestEntity } from './staffing-request.entity';

/**
 * The staffing desk: records the staffing requests of campaign sessions, keeps
 * them in step with the session (moved, cancelled), and, when a coordinator
 * asks, staffs one at once with the rota engine and publishes it. A rota job
 * over the session's days staffs open requests too, with the rest of the rota.
 */
@Injectable()
export class StaffingDesk {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnEvent(SessionStaffingRequested)
  async onStaffingRequested(
    event: SessionStaffingRequestedV1,
    context: EventContext,
  ): Promise<void> {
    if (event.tenantId !== context.tenantId)
      throw new PermanentEventError(
        `request for tenant ${event.tenantId} on the envelope of ${context.tenantId}`,
      );
    await context.manager.getRepository(StaffingRequestEntity).upsert(
      {
        tenantId: context.tenantId,
        requestId: event.requestId,
        origin: 'campaigns.session',
        originRef: event.sessionId,
        title: event.title,
        siteId: event.place.siteId ?? null,
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        needs: event.needs,
        status: 'open',
        rotaId: null,
        assigned: 0,
        receivedAt: new Date(context.envelope.occurredAt),
      },
      ['tenantId', 'requestId'],
    );
  }

  /** A cancelled session needs nobody any more. */
  @OnEvent(SessionCancelled)
  async onSessionCancelled(event: SessionCancelledV1, context: EventContext): Promise<void> {
    if (!event.staffingRequestId) return;
    await this.requireReceived(context, event.staffingRequestId);
    await context.manager
      .getRepository(StaffingRequestEntity)
      .update(
        { tenantId: context.tenantId, requestId: event.staffingRequestId },
        { status: 'withdrawn' },
      );
  }

  /** A moved session still open for staffing is asked for at its new time and place. */
  @OnEvent(SessionMoved)
  async onSessionMoved(event: SessionMovedV1, context: EventContext): Promise<void> {
    if (!event.staffingRequestId) return;
    await this.requireReceived(context, event.staffingRequestId);
    await context.manager.getRepository(StaffingRequestEntity).update(
      { tenantId: context.tenantId, requestId: event.staffingRequestId, status: 'open' },
      {
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        siteId: event.place.siteId ?? null,
      },
    );
  }

  /**
   * A change to a request this CPTS never received is retried (the request may
   * come later on its own subject), then dead-lettered: never acknowledged as
   * done, since it may be another CPTS's request named on a forged event.
   */
  private async requireReceived(context: EventContext, requestId: string): Promise<void> {
    const received = await context.manager
      .getRepository(StaffingRequestEntity)
      .existsBy({ tenantId: context.tenantId, requestId });
    if (!received)
      throw new Error(
        `staffing request ${requestId} not received here yet: retry once it has arrived`,
      );
  }

  @OnRequest(GetStaffingRequest)
  async get(
    query: RosterStaffingRequestV1,
    context: RequestContext,
  ): Promise<StaffingRequestViewV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) =>
      toView(await this.find(manager, context.tenantId, query.requestId)),
    );
  }

  @OnRequest(RosterStaffingRequest)
  async roster(
    query: RosterStaffingRequestV1,
    context: RequestContext,
  ): Promise<StaffingRequestViewV1> {
    if (!context.actor.roles.some((r) => r === 'operator' || r === 'coordinator'))
      throw ProblemError.forbidden('only a coordinator rosters a staffing request');
    const input = await this.unitOfWork.read(context.tenantId, async (manager) => {
      const request = await this.find(manager, context.tenantId, query.requestId);
      if (request.status !== 'open')
        throw ProblemError.conflict(`the staffing request is ${request.status}`);
      return loadRequestStaffingInput(manager, context.tenantId, request);
    });
    // the engine works outside any transaction (up to a second); the request is checked again before publishing
    const picked = await staffRequestWithEngine(input);
    return this.unitOfWork.run(context, async (tx) => {
      const request = await this.find(tx.manager, context.tenantId, query.requestId);
      if (request.status !== 'open')
        throw ProblemError.conflict(`the staffing request is ${request.status}`);
      const rotaId = randomUUID();
      const startsAt = request.startsAt.toISOString();
      const endsAt = request.endsAt.toISOString();
      await tx.emit(RotaPublished, {
        rotaId,
        revision: 1,
        periodStart: startsAt,
        periodEnd: endsAt,
        shifts: request.needs.map((need, index) => ({
          shiftId: randomUUID(),
          startsAt,
          endsAt,
          ...(request.siteId ? { siteId: request.siteId } : {}),
          ...(need.profession ? { profession: need.profession } : {}),
          ...(need.skill ? { skill: need.skill } : {}),
          headcount: need.count,
          assignees: picked[index].map((p) => ({
            memberId: p.memberId,
            displayName: p.displayName,
          })),
          staffingRequestId: request.requestId,
        })),
      });
      request.status = 'rostered';
      request.rotaId = rotaId;
      request.assigned = picked.reduce((sum, p) => sum + p.length, 0);
      await tx.manager.getRepository(StaffingRequestEntity).save(request);
      return toView(request);
    });
  }

  private async find(
    manager: EntityManager,
    tenantId: string,
    requestId: string,
  ): Promise<StaffingRequestEntity> {
    const request = await manager
      .getRepository(StaffingRequestEntity)
      .findOneBy({ tenantId, requestId });
    if (!request)
      throw ProblemError.notFound(`no staffing request ${requestId} received in this CPTS`);
    return request;
  }
}

function toView(request: StaffingRequestEntity): StaffingRequestViewV1 {
  return {
    requestId: request.requestId,
    origin: `${request.origin}:${request.originRef}`,
    startsAt: request.startsAt.toISOString(),
    endsAt: request.endsAt.toISOString(),
    status: request.status,
    ...(request.rotaId ? { rotaId: request.rotaId } : {}),
    assigned: request.assigned,
    needed: request.needs.reduce((sum, need) => sum + need.count, 0),
  };
}
