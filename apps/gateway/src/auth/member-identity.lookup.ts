import { Injectable } from '@nestjs/common';
import { MemberIdentityV1, ResolveMemberIdentity } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Principal } from './principal';

interface Cached {
  identity: MemberIdentityV1;
  until: number;
}

/**
 * Who a Pro Santé Connect professional is in a tenant, asked of membership
 * and kept a minute (unknown professionals ten seconds), so that a request
 * does not cost a second round trip. A member removed by the coordinator loses
 * access within that minute.
 */
@Injectable()
export class MemberIdentityLookup {
  static readonly TTL_MS = 60_000;
  static readonly NEGATIVE_TTL_MS = 10_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly bus: MessageBus) {}

  async resolve(
    principal: Principal,
    tenantId: string,
    correlationId: string,
  ): Promise<MemberIdentityV1> {
    const nationalId = principal.nationalId;
    if (!nationalId) return { roles: [] };
    const key = `${tenantId}\u0000${nationalId.kind}\u0000${nationalId.value}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.identity;
    const identity = await this.bus.request(
      ResolveMemberIdentity,
      { kind: nationalId.kind, value: nationalId.value },
      {
        tenantId,
        correlationId,
        actor: { subject: principal.subject, roles: [] },
      },
    );
    if (this.cache.size >= MemberIdentityLookup.MAX_ENTRIES)
      this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, {
      identity,
      until:
        now +
        (identity.memberId ? MemberIdentityLookup.TTL_MS : MemberIdentityLookup.NEGATIVE_TTL_MS),
    });
    return identity;
  }
}
