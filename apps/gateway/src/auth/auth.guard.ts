import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RequestContextV1, Role } from '@maillage/contracts';
import { PUBLIC_ROUTE } from '@maillage/platform';
import { decideAccess, JOB_ROUTE_KEY, OWN_MEMBER_KEY, ROLES_KEY } from './access-policy';
import { OPENS_TENANT, TenantDirectory } from '../tenants/tenant-directory';
import { MemberIdentityLookup } from './member-identity.lookup';
import { IssuerUnavailableError } from './oidc-issuer';
import { Principal } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

export { JobRoute, OwnMember, Roles } from './access-policy';

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  requestContext?: RequestContextV1;
}

/**
 * Every route is closed unless marked @Public: a verified bearer token, then
 * the tenant of the path must be one the caller belongs to, with a role the
 * route allows (see access-policy.ts). The services check tenant and role again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly identities: MemberIdentityLookup,
    private readonly tenants: TenantDirectory,
    private readonly reflector: Reflector,
  ) {}

  private readonly logger = new Logger(AuthGuard.name);

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
      if (error instanceof IssuerUnavailableError)
        throw new ServiceUnavailableException(`identity provider unavailable: ${error.message}`);
      throw new UnauthorizedException(
        error instanceof InvalidTokenError ? error.message : 'token refused',
      );
    }
    request.principal = principal;

    const tenantId =
      typeof request.params?.tenantId === 'string' ? request.params.tenantId : undefined;
    if (!tenantId) return true;
    const correlationId = String(request.id ?? '');
    // own keys only: a tenant id such as `__proto__` or `constructor` names no tenant
    const roles = new Set<Role>(
      Object.hasOwn(principal.tenants, tenantId) ? principal.tenants[tenantId] : [],
    );
    if (principal.operator) roles.add('operator');
    let memberId = principal.memberId;
    if (principal.nationalId) {
      const identity = await this.identities.resolve(principal, tenantId, correlationId);
      identity.roles.forEach((r) => roles.add(r));
      memberId ??= identity.memberId;
    }
    const decision = decideAccess(
      [...roles],
      {
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
        ownMemberParam: this.reflector.getAllAndOverride<string | undefined>(
          OWN_MEMBER_KEY,
          targets,
        ),
        jobRoute:
          this.reflector.getAllAndOverride<boolean | undefined>(JOB_ROUTE_KEY, targets) === true,
      },
      { memberId, partnerId: principal.partnerId },
      request.params as Record<string, string | undefined>,
    );
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    // after the roles, so that a caller learns nothing of tenants they have no role in
    if (
      !this.reflector.getAllAndOverride<boolean>(OPENS_TENANT, targets) &&
      !(await this.tenants.exists(tenantId, correlationId, principal.subject))
    ) {
      this.logger.warn(
        { tenantId, subject: principal.subject, correlationId },
        'unknown tenant refused',
      );
      throw new NotFoundException(`no CPTS ${tenantId} on this platform`);
    }
    request.requestContext = {
      tenantId,
      correlationId,
      actor: {
        subject: principal.subject,
        roles: decision.roles,
        memberId,
        partnerId: principal.partnerId,
      },
    };
    return true;
  }
}

/** The tenant-scoped context of the request, for the services. */
export const Ctx = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContextV1 => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.requestContext) throw new ForbiddenException('this route needs a tenant');
    return request.requestContext;
  },
);
