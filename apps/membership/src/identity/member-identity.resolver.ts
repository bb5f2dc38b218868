import { Injectable } from '@nestjs/common';
import {
  MemberIdentityV1,
  MemberStatus,
  ResolveMemberIdentity,
  ResolveMemberIdentityV1,
  Role,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';

interface IdentityRow {
  id: string;
  status: MemberStatus;
  association_roles: string[] | null;
  has_left: boolean;
}

/**
 * Answers the gateway's "who is this signed-in professional here?": the
 * member of the request's tenant registered with that RPPS or ADELI number.
 * Read under the tenant's scope; a professional of another CPTS is unknown.
 */
@Injectable()
export class MemberIdentityResolver {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ResolveMemberIdentity)
  async resolve(body: ResolveMemberIdentityV1, context: RequestContext): Promise<MemberIdentityV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      // a sandbox identity is stored as given, whatever kind the coordinator chose
      const rows: IdentityRow[] = await manager.query(
        `SELECT id, status,
                ARRAY(SELECT jsonb_array_elements_text(association -> 'roles')) AS association_roles,
                (left_on IS NOT NULL AND left_on <= current_date) AS has_left
           FROM "membership".members
          WHERE tenant_id = $1 AND identifier_value = $2 AND ($3 = 'SANDBOX' OR identifier_kind = $3)
          ORDER BY registered_at LIMIT 1`,
        [context.tenantId, body.value, body.kind],
      );
      const member = rows[0];
      if (!member) return { roles: [] };
      return { memberId: member.id, status: member.status, roles: rolesOf(member) };
    });
  }
}

/**
 * What a registered professional may do on the platform: act as a member,
 * and administer the CPTS when the association made them its coordinator.
 * Someone who left keeps their record (history, RGPD) but no access.
 */
export function rolesOf(member: Pick<IdentityRow, 'association_roles' | 'has_left'>): Role[] {
  if (member.has_left) return [];
  return member.association_roles?.includes('coordinator') ? ['member', 'coordinator'] : ['member'];
}
