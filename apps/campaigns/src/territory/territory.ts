import { EntityManager } from 'typeorm';
import { ProblemError } from '@maillage/contracts';
import { TenantTerritoryEntity } from './tenant-territory.entity';

/** The communes of the CPTS, as membership last told us; nothing can be planned before we know them. */
export async function territoryOf(manager: EntityManager, tenantId: string): Promise<Set<string>> {
  const tenant = await manager.getRepository(TenantTerritoryEntity).findOneBy({ tenantId });
  if (!tenant) {
    throw ProblemError.conflict(
      'the territory of this CPTS is not known to the campaigns service yet (membership has not announced the tenant)',
    );
  }
  return new Set(tenant.communes);
}
