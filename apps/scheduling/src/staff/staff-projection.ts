import { Injectable } from '@nestjs/common';
import {
  MemberAvailabilityChanged,
  MemberAvailabilityChangedV1,
  MemberErased,
  MemberErasedV1,
  MemberLeft,
  MemberLeftV1,
  MemberRegistered,
  MemberRegisteredV1,
  MemberSkillsChanged,
  MemberSkillsChangedV1,
  MemberSnapshotV1,
  MemberUpdated,
  MemberUpdatedV1,
} from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';

/** What an erased person becomes in the staff pool: a member id past rotas can still point at, and no name. */
export const ERASED_DISPLAY_NAME = 'Membre effacé';
// an erased row outranks any late event about the person
const ERASED_REVISION = 2_147_483_647;

/**
 * Keeps the staff pool in step with membership. Every membership event
 * carries the member's revision: an event older than what the row already
 * shows is ignored, so a redelivered or late event never undoes a newer one.
 * A partial event (skills, availability, left) about a member not yet in the
 * pool is retried: its registration is on its way.
 */
@Injectable()
export class StaffProjection {
  @OnEvent(MemberRegistered)
  async onMemberRegistered(event: MemberRegisteredV1, context: EventContext): Promise<void> {
    await this.applySnapshot(event, context);
  }

  @OnEvent(MemberUpdated)
  async onMemberUpdated(event: MemberUpdatedV1, context: EventContext): Promise<void> {
    await this.applySnapshot(event, context);
  }

  @OnEvent(MemberSkillsChanged)
  async onSkillsChanged(event: MemberSkillsChangedV1, context: EventContext): Promise<void> {
    await this.applyChange(context, event.memberId, event.revision, 'skills = $4::jsonb', [
      JSON.stringify(event.skills),
    ]);
  }

  @OnEvent(MemberAvailabilityChanged)
  async onAvailabilityChanged(
    event: MemberAvailabilityChangedV1,
    context: EventContext,
  ): Promise<void> {
    await this.applyChange(context, event.memberId, event.revision, 'availability = $4::jsonb', [
      JSON.stringify(event.availability),
    ]);
  }

  @OnEvent(MemberLeft)
  async onMemberLeft(event: MemberLeftV1, context: EventContext): Promise<void> {
    await this.applyChange(
      context,
      event.memberId,
      event.revision,
      'active = false, left_on = $4',
      [event.leftOn],
    );
  }

  /** RGPD erasure: the row is pseudonymised (kept for past rotas), or a tombstone is written if the person never reached the pool. */
  @OnEvent(MemberErased)
  async onMemberErased(event: MemberErasedV1, context: EventContext): Promise<void> {
    await context.manager.query(
      `INSERT INTO "scheduling".staff_members
         (tenant_id, member_id, display_name, profession, specialty, skills, communes, status, availability, source, active, updated_at, revision, left_on, erased_at)
       VALUES ($1, $2, $3, 'unknown', NULL, '[]', '{}', 'erased', '{"weekly": [], "exceptions": []}', 'member', false, $4, $5, NULL, $4)
       ON CONFLICT (tenant_id, member_id) DO UPDATE SET
         display_name = EXCLUDED.display_name, specialty = NULL, skills = '[]', communes = '{}', status = 'erased',
         availability = EXCLUDED.availability, active = false, updated_at = EXCLUDED.updated_at, revision = EXCLUDED.revision,
         erased_at = EXCLUDED.erased_at`,
      [
        context.tenantId,
        event.memberId,
        ERASED_DISPLAY_NAME,
        new Date(event.erasedAt),
        ERASED_REVISION,
      ],
    );
  }

  private async applySnapshot(event: MemberSnapshotV1, context: EventContext): Promise<void> {
    await context.manager.query(
      `INSERT INTO "scheduling".staff_members
         (tenant_id, member_id, display_name, profession, specialty, skills, communes, status, availability, source, active, updated_at, revision, left_on)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb, 'member', $10, $11, $12, $13)
       ON CONFLICT (tenant_id, member_id) DO UPDATE SET
         display_name = EXCLUDED.display_name, profession = EXCLUDED.profession, specialty = EXCLUDED.specialty, skills = EXCLUDED.skills,
         communes = EXCLUDED.communes, status = EXCLUDED.status, availability = EXCLUDED.availability, active = EXCLUDED.active,
         updated_at = EXCLUDED.updated_at, revision = EXCLUDED.revision, left_on = EXCLUDED.left_on
       WHERE "scheduling".staff_members.revision < EXCLUDED.revision AND "scheduling".staff_members.erased_at IS NULL`,
      [
        context.tenantId,
        event.memberId,
        `${event.firstName} ${event.lastName}`,
        event.profession,
        event.specialty ?? null,
        JSON.stringify(event.skills),
        event.communes,
        event.status,
        JSON.stringify(event.availability),
        !event.leftOn,
        new Date(context.envelope.occurredAt),
        event.revision ?? 1,
        event.leftOn ?? null,
      ],
    );
  }

  private async applyChange(
    context: EventContext,
    memberId: string,
    revision: number,
    set: string,
    values: unknown[],
  ): Promise<void> {
    const [, affected] = (await context.manager.query(
      `UPDATE "scheduling".staff_members SET ${set}, revision = $3, updated_at = $${4 + values.length}
        WHERE tenant_id = $1 AND member_id = $2 AND revision < $3 AND erased_at IS NULL`,
      [context.tenantId, memberId, revision, ...values, new Date(context.envelope.occurredAt)],
    )) as [unknown, number];
    if (affected > 0) return;
    const known = (await context.manager.query(
      `SELECT 1 FROM "scheduling".staff_members WHERE tenant_id = $1 AND member_id = $2`,
      [context.tenantId, memberId],
    )) as unknown[];
    // known: this event is older than the row (or the person was erased), nothing to do
    if (known.length === 0)
      throw new Error(
        `staff member ${memberId} not in the pool yet: retry after their registration`,
      );
  }
}
