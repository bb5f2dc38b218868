import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';

export interface RateLimitOptions {
  /** requests per client and window; 0 turns the limit off */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 600, windowMs: 60_000 };

/**
 * The client a request counts against: the verified token subject (one
 * person or machine, whatever their address), else the address. Runs after
 * the AuthGuard, so a forged token never picks someone else's bucket.
 */
export function clientKey(request: AuthenticatedRequest): string {
  if (request.principal) return `sub:${request.principal.issuer}|${request.principal.subject}`;
  return `ip:${request.ip ?? request.socket?.remoteAddress ?? 'unknown'}`;
}

export function throttlerOptions(options: RateLimitOptions): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', limit: Math.max(options.limit, 1), ttl: options.windowMs }],
    errorMessage: 'rate limit reached for this client; retry after the delay in Retry-After',
    getTracker: (request) => clientKey(request as AuthenticatedRequest),
    // probes and the API document are not clients' traffic
    skipIf: (context: ExecutionContext) =>
      options.limit === 0 ||
      /^\/(health|docs)/.test(context.switchToHttp().getRequest<AuthenticatedRequest>().path ?? ''),
  };
}

/** The throttler with Retry-After on 429 (set by @nestjs/throttler) and problem+json from the ProblemFilter. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {}
