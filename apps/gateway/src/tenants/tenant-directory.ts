import { Injectable, Logger, SetMetadata } from '@nestjs/common';
import { GetTenant, ProblemError } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';

interface Known {
  until: number;
}

/**
 * Whether a CPTS exists, asked of membership (which keeps the tenants) and
 * kept ten minutes, so that a tenant route costs no second round trip. A
 * token may name any tenant (the identity provider's claims are not ours to
 * trust blindly): a route of a tenant membership does not know is refused
 * with 404 before a service writes anything for it. When membership cannot
 * answer, a tenant seen before is still admitted, one never seen is not.
 */
@Injectable()
export class TenantDirectory {
  static readonly TTL_MS = 10 * 60_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly logger = new Logger(TenantDirectory.name);
  private readonly known = new Map<string, Known>();

  constructor(private readonly bus: MessageBus) {}

  async exists(tenantId: string, correlationId: string, subject: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.known.get(tenantId);
    if (hit && hit.until > now) return true;
    try {
      await this.bus.request(
        GetTenant,
        {},
        { tenantId, correlationId, actor: { subject, roles: [] } },
        5_000,
      );
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 404) {
        this.known.delete(tenantId);
        return false;
      }
      if (hit) {
        this.logger.warn(
          { tenantId, error: String(error) },
          'tenant directory unavailable: admitted as known before',
        );
        return true;
      }
      throw error;
    }
    if (this.known.size >= TenantDirectory.MAX_ENTRIES && !hit)
      this.known.delete(this.known.keys().next().value!);
    this.known.set(tenantId, { until: now + TenantDirectory.TTL_MS });
    return true;
  }

  /** A tenant just opened through the gateway is known at once. */
  remember(tenantId: string): void {
    this.known.set(tenantId, { until: Date.now() + TenantDirectory.TTL_MS });
  }
}

export const OPENS_TENANT = 'maillage:opens-tenant';

/** The route that opens a CPTS: its tenant does not exist yet. */
export const OpensTenant = (): MethodDecorator => SetMetadata(OPENS_TENANT, true);
