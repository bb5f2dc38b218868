import { Injectable } from '@nestjs/common';
import {
  MemberErased,
  MemberErasedV1,
  MemberLeft,
  MemberLeftV1,
  MemberRegistered,
  MemberRegisteredV1,
  MemberSkillsChanged,
  MemberSkillsChangedV1,
  MemberUpdated,
  MemberUpdatedV1,
} from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';

/**
 * The members campaigns can call on, from membership's events: who they are,
 * their profession, skills and communes (for announcements) and whether they
 * are still members. A revision older than the one kept changes nothing.
 */
@Injectable()
export class MemberProjection {
  @OnEvent(MemberRegistered)
  onRegistered(event: MemberRegisteredV1, context: EventContext): Promise<void> {
    return this.upsert(event, context);
  }

  @OnEvent(MemberUpdated)
  onUpdated(event: MemberUpdatedV1, context: EventContext): Promise<void> {
    return this.upsert(event, context);
  }

  @OnEvent(MemberSkillsChanged)
  async onSkillsChanged(event: MemberSkillsChangedV1, context: EventContext): Promise<void> {
    const [, changed] = (await context.manager.query(
      `UPDATE "campaigns".members SET skills = $3, revision = $4, updated_at = $5 WHERE tenant_id = $1 AND member_id = $2 AND revision < $4`,
      [
        context.tenantId,
        event.memberId,
        event.skills.map((s) => s.code),
        event.revision,
        context.envelope.occurredAt,
      ],
    )) as [unknown, number];
    if (!changed) await this.requireKnown(context, event.memberId);
  }

  @OnEvent(MemberLeft)
  async onLeft(event: MemberLeftV1, context: EventContext): Promise<void> {
    const [, changed] = (await context.manager.query(
      `UPDATE "campaigns".members SET active = false, revision = $3, updated_at = $4 WHERE tenant_id = $1 AND member_id = $2 AND revision < $3`,
      [context.tenantId, event.memberId, event.revision, context.envelope.occurredAt],
    )) as [unknown, number];
    if (!changed) await this.requireKnown(context, event.memberId);
  }

  /**
   * A change to a member this CPTS does not know (yet) is retried, their
   * registration may be on its way, then dead-lettered: never acknowledged as
   * done, since it may name another CPTS's member on a forged event. A known
   * member with a newer revision kept is a late event: nothing to do.
   */
  private async requireKnown(context: EventContext, memberId: string): Promise<void> {
    const known: unknown[] = await context.manager.query(
      `SELECT 1 FROM "campaigns".members WHERE tenant_id = $1 AND member_id = $2`,
      [context.tenantId, memberId],
    );
    if (!known.length)
      throw new Error(`member ${memberId} not known here yet: retry after their registration`);
  }

  /** RGPD erasure: forget the person; counts already reported stay (they hold no name). */
  @OnEvent(MemberErased)
  async onErased(event: MemberErasedV1, context: EventContext): Promise<void> {
    const params = [context.tenantId, event.memberId];
    await context.manager.query(
      `DELETE FROM "campaigns".announcement_recipients WHERE tenant_id = $1 AND member_id = $2`,
      params,
    );
    await context.manager.query(
      `UPDATE "campaigns".notifications SET display_name = 'membre effacé', member_id = NULL WHERE tenant_id = $1 AND member_id = $2`,
      params,
    );
    await context.manager.query(
      `UPDATE "campaigns".volunteers SET display_name = 'membre effacé', email = NULL WHERE tenant_id = $1 AND member_id = $2`,
      params,
    );
    await context.manager.query(
      `UPDATE "campaigns".session_assignments SET display_name = 'membre effacé' WHERE tenant_id = $1 AND member_id = $2`,
      params,
    );
    await context.manager.query(
      `DELETE FROM "campaigns".members WHERE tenant_id = $1 AND member_id = $2`,
      params,
    );
  }

  private async upsert(event: MemberRegisteredV1, context: EventContext): Promise<void> {
    const revision = (event as { revision?: number }).revision ?? 0;
    await context.manager.query(
      `INSERT INTO "campaigns".members (tenant_id, member_id, display_name, profession, skills, communes, active, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, member_id) DO UPDATE SET display_name = EXCLUDED.display_name, profession = EXCLUDED.profession,
         skills = EXCLUDED.skills, communes = EXCLUDED.communes, active = EXCLUDED.active, revision = EXCLUDED.revision,
         updated_at = EXCLUDED.updated_at
       WHERE "campaigns".members.revision <= EXCLUDED.revision`,
      [
        context.tenantId,
        event.memberId,
        `${event.firstName} ${event.lastName}`,
        event.profession,
        event.skills.map((s) => s.code),
        event.communes,
        true,
        revision,
        context.envelope.occurredAt,
      ],
    );
  }
}
