import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException, createParamDecorator, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RequestContextV1, Role } from '@maillage/contracts';
import { PUBLIC_ROUTE } from '@maillage/platform';
import { Principal } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const ROLES_KEY = 'maillage:roles';

/** The roles, in the route's tenant, that may call it. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

interface AuthenticatedRequest extends Request {
  principal?: Principal;
  requestContext?: RequestContextV1;
}

/**
 * Every route is closed unless marked @Public: a verified bearer token, then
 * the tenant of the path must be one the caller belongs to, with a role the
 * route allows. The services check tenant and role again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required');
    let principal: Principal;
    try {
      principal = await this.verifier.verify(match[1]);
    } catch (error) {
      throw new UnauthorizedException(error instanceof InvalidTokenError ? error.message : 'token refused');
    }
    request.principal = principal;

    const tenantId = typeof request.params?.tenantId === 'string' ? request.params.tenantId : undefined;
    if (!tenantId) return true;
    const roles: Role[] = principal.operator ? ['operator', ...(principal.tenants[tenantId] ?? [])] : (principal.tenants[tenantId] ?? []);
    if (roles.length === 0) throw new ForbiddenException('no access to this tenant');
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (allowed && !roles.some((r) => r === 'operator' || allowed.includes(r))) {
      throw new ForbiddenException(`this action needs one of the roles: ${allowed.join(', ')}`);
    }
    request.requestContext = {
      tenantId,
      correlationId: String(request.id ?? ''),
      actor: { subject: principal.subject, roles, memberId: principal.memberId, partnerId: principal.partnerId },
    };
    return true;
  }
}

/** The tenant-scoped context of the request, for the services. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContextV1 => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.requestContext) throw new ForbiddenException('this route needs a tenant');
  return request.requestContext;
});
