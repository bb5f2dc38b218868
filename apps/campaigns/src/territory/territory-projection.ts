import { Injectable } from '@nestjs/common';
import {
  TenantRegistered,
  TenantRegisteredV1,
  TenantUpdated,
  TenantUpdatedV1,
} from '@maillage/contracts';
import { EventContext, OnEvent, PermanentEventError } from '@maillage/messaging';

/** Keeps the territory of each CPTS from membership's tenant events (the newest revision wins). */
@Injectable()
export class TerritoryProjection {
  @OnEvent(TenantRegistered)
  onTenantRegistered(event: TenantRegisteredV1, context: EventContext): Promise<void> {
    return this.apply(event, context);
  }

  @OnEvent(TenantUpdated)
  onTenantUpdated(event: TenantUpdatedV1, context: EventContext): Promise<void> {
    return this.apply(event, context);
  }

  private async apply(event: TenantRegisteredV1, context: EventContext): Promise<void> {
    if (event.tenantId !== context.tenantId) {
      throw new PermanentEventError(
        `tenant ${event.tenantId} announced on the envelope of ${context.tenantId}`,
      );
    }
    // a single statement: the row changes only if this revision is newer than the one kept
    await context.manager.query(
      `INSERT INTO "campaigns".tenants (tenant_id, name, communes, revision, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, communes = EXCLUDED.communes, revision = EXCLUDED.revision,
         updated_at = EXCLUDED.updated_at
       WHERE "campaigns".tenants.revision < EXCLUDED.revision`,
      [
        event.tenantId,
        event.name,
        event.territory.map((commune) => commune.code),
        event.revision,
        context.envelope.occurredAt,
      ],
    );
  }
}
