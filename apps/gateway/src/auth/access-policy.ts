import { SetMetadata } from '@nestjs/common';
import { Role } from '@maillage/contracts';

export const ROLES_KEY = 'maillage:roles';
export const OWN_MEMBER_KEY = 'maillage:own-member';
export const JOB_ROUTE_KEY = 'maillage:job-route';

/**
 * Who may do what in a tenant (the services check again):
 * - operator: everything, in every tenant (platform staff);
 * - coordinator: administers their CPTS: every route that lists them;
 * - member: routes that list `member`; on routes marked `@OwnMember()` only
 *   for their own memberId (profile, availability, claims, swaps);
 * - partner: routes that list `partner`, and only with a partnerId; the
 *   service shows what the partner's agreements share;
 * - scheduler: a machine client that may only trigger and read rota jobs: its
 *   role counts only on routes marked `@JobRoute()` that list it.
 * A tenant route without `@Roles` is open to every role of the tenant but scheduler.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** Members may call this route only for themselves: the path parameter must be their memberId. */
export const OwnMember = (param = 'memberId'): MethodDecorator & ClassDecorator =>
  SetMetadata(OWN_MEMBER_KEY, param);

/** A route of the rota job resource: the only kind a scheduler client may call. */
export const JobRoute = (): MethodDecorator & ClassDecorator => SetMetadata(JOB_ROUTE_KEY, true);

/** Roles that act on any member of their tenant, not only on themselves. */
export const ADMINISTERING_ROLES: readonly Role[] = ['operator', 'coordinator'];

export interface RouteRules {
  roles?: Role[];
  ownMemberParam?: string;
  jobRoute: boolean;
}

export type AccessDecision = { allowed: true; roles: Role[] } | { allowed: false; reason: string };

/**
 * The decision for one caller on one route, as a plain function (unit-tested
 * without Nest): the caller's roles in the tenant, the route's rules, the path.
 */
export function decideAccess(
  callerRoles: Role[],
  rules: RouteRules,
  caller: { memberId?: string; partnerId?: string },
  params: Record<string, string | undefined>,
): AccessDecision {
  // a scheduler's role counts on job routes only
  const effective = callerRoles.filter((r) => r !== 'scheduler' || rules.jobRoute);
  if (effective.length === 0) {
    return {
      allowed: false,
      reason: callerRoles.length
        ? 'a scheduler client may only trigger and read rota jobs'
        : 'no access to this tenant',
    };
  }
  const granting = effective.filter(
    (r) => r === 'operator' || !rules.roles || rules.roles.includes(r),
  );
  if (granting.length === 0)
    return {
      allowed: false,
      reason: `this action needs one of the roles: ${rules.roles!.join(', ')}`,
    };
  const administers = granting.some((r) => ADMINISTERING_ROLES.includes(r));
  if (!administers && rules.ownMemberParam !== undefined) {
    const target = params[rules.ownMemberParam];
    if (!caller.memberId || target !== caller.memberId)
      return { allowed: false, reason: 'a member may act only on their own record' };
  }
  if (!administers && granting.every((r) => r === 'partner') && !caller.partnerId) {
    return { allowed: false, reason: 'a partner token must name its partner organisation' };
  }
  return { allowed: true, roles: effective };
}
