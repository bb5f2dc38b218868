import { ProblemError } from '@maillage/contracts';
import { RequestContext } from '@maillage/messaging';

/** The service checks roles again behind the gateway. */
export const administers = (context: RequestContext): boolean =>
  context.actor.roles.some((r) => r === 'operator' || r === 'coordinator');

/** Reading rotas, sites and call-outs is for the people of the CPTS, not for a scheduler client (jobs only). */
export function requireReader(context: RequestContext): void {
  if (!context.actor.roles.some((r) => r === 'operator' || r === 'coordinator' || r === 'member')) {
    throw ProblemError.forbidden('only coordinators and members of this CPTS read this');
  }
}

export function requireCoordinator(context: RequestContext, what: string): void {
  if (!administers(context)) throw ProblemError.forbidden(`only a coordinator ${what}`);
}

/** A member acts for themselves only; a coordinator for anyone of the CPTS. */
export function requireSelfOrCoordinator(
  context: RequestContext,
  memberId: string,
  what: string,
): void {
  if (administers(context)) return;
  if (!context.actor.roles.includes('member') || context.actor.memberId !== memberId) {
    throw ProblemError.forbidden(`a member ${what} only for themselves`);
  }
}

/** UPDATE … RETURNING through TypeORM answers [rows, count]; SELECT answers rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}

/** A row as node-postgres returns it: columns are read by name and typed where they are used. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqlRow = Record<string, any>;
