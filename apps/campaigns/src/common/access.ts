import { ProblemError, Role } from '@maillage/contracts';
import type { RequestContext } from '@maillage/messaging';

/** The service checks roles again: it trusts no caller, not even the gateway. */
export function requireRole(context: RequestContext, allowed: Role[], action: string): void {
  if (!context.actor.roles.some((role) => role === 'operator' || allowed.includes(role))) {
    throw ProblemError.forbidden(`${action} needs one of the roles: ${allowed.join(', ')}`);
  }
}

export const isCoordinator = (context: RequestContext): boolean =>
  context.actor.roles.some((role) => role === 'operator' || role === 'coordinator');
