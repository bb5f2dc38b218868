import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ActionKind,
  CampaignCreated,
  CampaignCreatedV1,
  SessionCancelled,
  SessionCancelledV1,
  SessionFormat,
  SessionMoved,
  SessionMovedV1,
  SessionPlaceV1,
  SessionPlanned,
  SessionPlannedV1,
  TenantRegistered,
  TenantRegisteredV1,
  TenantSnapshotV1,
  TenantUpdated,
  TenantUpdatedV1,
} from '@maillage/contracts';
import { EventContext, OnEvent, PermanentEventError } from '@maillage/messaging';

const KIND_OF_FORMAT: Record<SessionFormat, ActionKind> = {
  'screening-day': 'campaign-session',
  'vaccination-rider': 'campaign-session',
  'information-evening': 'information-evening',
  webinar: 'webinar',
};

/** An online session is placed on the whole territory of its CPTS; any other on its commune. */
const communesOf = (place: SessionPlaceV1): string[] =>
  place.kind === 'online' ? [] : [place.commune];

/**
 * What the radar learns from the other services: campaign sessions as they
 * are planned, moved and cancelled, campaign titles, and each CPTS territory
 * (for its online actions). Events of one session travel on different
 * subscriptions: a move or cancellation that arrives before the plan is
 * retried until the plan is there.
 */
@Injectable()
export class ActionFeedProjection {
  @OnEvent(SessionPlanned)
  async onSessionPlanned(event: SessionPlannedV1, context: EventContext): Promise<void> {
    await context.manager.query(
      `INSERT INTO "partners".partner_actions
         (id, tenant_id, kind, title, communes, online, starts_at, ends_at, source, source_ref, campaign_id, cancelled, created_at)
       VALUES ($11, $1, $2, $3, $4, $5, $6, $7, 'campaigns', $8, $9, false, $10)
       ON CONFLICT (tenant_id, source, source_ref) WHERE source_ref IS NOT NULL DO NOTHING`,
      [
        context.tenantId,
        KIND_OF_FORMAT[event.format],
        event.place.label,
        communesOf(event.place),
        event.place.kind === 'online',
        new Date(event.startsAt),
        new Date(event.endsAt),
        event.sessionId,
        event.campaignId,
        new Date(context.envelope.occurredAt),
        randomUUID(),
      ],
    );
  }

  @OnEvent(SessionMoved)
  async onSessionMoved(event: SessionMovedV1, context: EventContext): Promise<void> {
    await this.changeSession(
      context,
      event.sessionId,
      'title = $3, communes = $4, online = $5, starts_at = $6, ends_at = $7',
      [
        event.place.label,
        communesOf(event.place),
        event.place.kind === 'online',
        new Date(event.startsAt),
        new Date(event.endsAt),
      ],
    );
  }

  @OnEvent(SessionCancelled)
  async onSessionCancelled(event: SessionCancelledV1, context: EventContext): Promise<void> {
    await this.changeSession(context, event.sessionId, 'cancelled = true', []);
  }

  @OnEvent(CampaignCreated)
  async onCampaignCreated(event: CampaignCreatedV1, context: EventContext): Promise<void> {
    await context.manager.query(
      `INSERT INTO "partners".campaign_titles (tenant_id, campaign_id, title) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET title = EXCLUDED.title`,
      [context.tenantId, event.campaignId, event.title],
    );
  }

  @OnEvent(TenantRegistered)
  async onTenantRegistered(event: TenantRegisteredV1, context: EventContext): Promise<void> {
    await this.keepTerritory(event, context);
  }

  @OnEvent(TenantUpdated)
  async onTenantUpdated(event: TenantUpdatedV1, context: EventContext): Promise<void> {
    await this.keepTerritory(event, context);
  }

  /** Keeps the newest revision of a CPTS territory; an older event changes nothing. */
  private async keepTerritory(event: TenantSnapshotV1, context: EventContext): Promise<void> {
    if (event.tenantId !== context.tenantId) {
      throw new PermanentEventError(
        `payload tenant ${event.tenantId} differs from the envelope tenant ${context.tenantId}`,
      );
    }
    await context.manager.query(
      `INSERT INTO "partners".tenant_territories (tenant_id, name, communes, revision, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, communes = EXCLUDED.communes, revision = EXCLUDED.revision,
         updated_at = EXCLUDED.updated_at
       WHERE "partners".tenant_territories.revision < EXCLUDED.revision`,
      [
        event.tenantId,
        event.name,
        event.territory.map((c) => c.code),
        event.revision,
        new Date(context.envelope.occurredAt),
      ],
    );
  }

  private async changeSession(
    context: EventContext,
    sessionId: string,
    set: string,
    values: unknown[],
  ): Promise<void> {
    const [, affected] = (await context.manager.query(
      `UPDATE "partners".partner_actions SET ${set} WHERE tenant_id = $1 AND source = 'campaigns' AND source_ref = $2`,
      [context.tenantId, sessionId, ...values],
    )) as [unknown, number];
    if (affected === 0)
      throw new Error(`session ${sessionId} not planned here yet: retry once its plan has arrived`);
  }
}
