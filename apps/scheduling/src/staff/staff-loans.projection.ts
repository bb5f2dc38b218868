import { Injectable } from '@nestjs/common';
import { AgreementEnded, AgreementEndedV1, StaffLent, StaffLentV1 } from '@maillage/contracts';
import { EventContext, OnEvent, PermanentEventError } from '@maillage/messaging';

/**
 * Partners' staff loans in the staff pool: a lent person joins with source
 * 'lent' for the scope and period of the agreement, and is dropped from the
 * pool (active = false) when the agreement ends. The two events travel on
 * different subscriptions, so an end may arrive first: it leaves a tombstone
 * the late lending event respects.
 */
@Injectable()
export class StaffLoansProjection {
  @OnEvent(StaffLent)
  async onStaffLent(event: StaffLentV1, context: EventContext): Promise<void> {
    refuseForeignTenant(event.tenantId, context);
    const at = new Date(context.envelope.occurredAt);
    for (const person of event.staff) {
      const [loan] = (await context.manager.query(
        `INSERT INTO "scheduling".staff_loans
           (tenant_id, staff_id, agreement_id, partner_id, clause_id, partner_name, site_ids, campaign_ids, starts_on, ends_on,
            max_hours_per_week, max_hours_per_month, rpps, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (tenant_id, staff_id) DO UPDATE SET
           clause_id = EXCLUDED.clause_id, partner_name = EXCLUDED.partner_name, site_ids = EXCLUDED.site_ids,
           campaign_ids = EXCLUDED.campaign_ids, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
           max_hours_per_week = EXCLUDED.max_hours_per_week, max_hours_per_month = EXCLUDED.max_hours_per_month,
           rpps = EXCLUDED.rpps, updated_at = EXCLUDED.updated_at
         RETURNING ended_on`,
        [
          context.tenantId,
          person.staffId,
          event.agreementId,
          event.partnerId,
          event.clauseId,
          event.partnerName,
          event.scope.siteIds,
          event.scope.campaignIds,
          event.startsOn,
          event.endsOn,
          event.maxHoursPerWeek ?? null,
          event.maxHoursPerMonth ?? null,
          person.rpps ?? null,
          at,
        ],
      )) as { ended_on: unknown }[];
      const active = loan.ended_on === null;
      await context.manager.query(
        `INSERT INTO "scheduling".staff_members
           (tenant_id, member_id, display_name, profession, specialty, skills, communes, status, availability, source, active, updated_at)
         VALUES ($1, $2, $3, $4, NULL, $5::jsonb, '{}', 'active', '{"weekly": [], "exceptions": []}', 'lent', $6, $7)
         ON CONFLICT (tenant_id, member_id) DO UPDATE SET
           display_name = EXCLUDED.display_name, profession = EXCLUDED.profession, skills = EXCLUDED.skills,
           active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
         WHERE "scheduling".staff_members.source = 'lent'`,
        [
          context.tenantId,
          person.staffId,
          `${person.firstName} ${person.lastName}`,
          person.profession,
          JSON.stringify(person.skills),
          active,
          at,
        ],
      );
    }
  }

  @OnEvent(AgreementEnded)
  async onAgreementEnded(event: AgreementEndedV1, context: EventContext): Promise<void> {
    refuseForeignTenant(event.tenantId, context);
    const at = new Date(context.envelope.occurredAt);
    for (const staffId of event.staffIds) {
      await context.manager.query(
        `INSERT INTO "scheduling".staff_loans (tenant_id, staff_id, agreement_id, partner_id, ended_on, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, staff_id) DO UPDATE SET ended_on = EXCLUDED.ended_on, updated_at = EXCLUDED.updated_at`,
        [context.tenantId, staffId, event.agreementId, event.partnerId, event.endedOn, at],
      );
    }
    await context.manager.query(
      `UPDATE "scheduling".staff_loans SET ended_on = $3, updated_at = $4 WHERE tenant_id = $1 AND agreement_id = $2 AND ended_on IS NULL`,
      [context.tenantId, event.agreementId, event.endedOn, at],
    );
    await context.manager.query(
      `UPDATE "scheduling".staff_members m SET active = false, updated_at = $3
         FROM "scheduling".staff_loans l
        WHERE l.tenant_id = $1 AND l.agreement_id = $2 AND m.tenant_id = l.tenant_id AND m.member_id = l.staff_id AND m.source = 'lent'`,
      [context.tenantId, event.agreementId, at],
    );
  }
}

function refuseForeignTenant(payloadTenantId: string, context: EventContext): void {
  if (payloadTenantId !== context.tenantId) {
    throw new PermanentEventError(
      `payload tenant ${payloadTenantId} differs from the envelope tenant ${context.tenantId}`,
    );
  }
}
