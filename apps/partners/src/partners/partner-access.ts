import { EntityManager } from 'typeorm';
import { Actor, ProblemError, Role } from '@maillage/contracts';

/**
 * Who may see what. A partner user (role `partner`, token claim partnerId) sees
 * only its own partner and what its agreements share with it; the CPTS side
 * sees the partners it registered or signed with.
 */

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((r) => r === 'operator' || roles.includes(r));

/** The partner a partner user acts for, or undefined for a CPTS user. */
export function actingPartnerId(actor: Actor): string | undefined {
  if (actor.roles.includes('operator') || actor.roles.includes('coordinator')) return undefined;
  return actor.roles.includes('partner') ? actor.partnerId : undefined;
}

/** A partner user must carry its partner id; refuse a token that has the role without it. */
export function requirePartnerId(actor: Actor): string {
  const partnerId = actingPartnerId(actor);
  if (!partnerId)
    throw ProblemError.forbidden(
      'this action is for a partner user (role partner with a partner id)',
    );
  return partnerId;
}

export const isPartnerUser = (actor: Actor): boolean => actingPartnerId(actor) !== undefined;

export function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (!hasRole(actor, ...roles))
    throw ProblemError.forbidden(`${what} needs one of the roles: ${roles.join(', ')}`);
}

/** The CPTS has an agreement not yet ended with the partner: it shares contacts, referrals and actions. */
export async function hasLiveAgreement(
  manager: EntityManager,
  tenantId: string,
  partnerId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM "partners".agreements WHERE tenant_id = $1 AND partner_id = $2 AND status <> 'ended' LIMIT 1`,
    [tenantId, partnerId],
  );
  return rows.length > 0;
}

/** The CPTS registered the partner or signed with it (at any time). */
export async function isLinkedToTenant(
  manager: EntityManager,
  tenantId: string,
  partnerId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM "partners".partners p WHERE p.id = $2 AND (p.registered_by_tenant = $1
       OR EXISTS (SELECT 1 FROM "partners".agreements a WHERE a.partner_id = p.id AND a.tenant_id = $1)) LIMIT 1`,
    [tenantId, partnerId],
  );
  return rows.length > 0;
}
