import { EntityManager } from 'typeorm';
import { ProblemError } from '@maillage/contracts';
import { TenantEntity } from './tenant.entity';

/** Every membership request is about a known CPTS; an unknown one is a 404, not an empty answer. */
export async function requireTenant(
  manager: EntityManager,
  tenantId: string,
): Promise<TenantEntity> {
  const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: tenantId });
  if (!tenant) throw ProblemError.notFound(`no CPTS ${tenantId} on this platform`);
  return tenant;
}
