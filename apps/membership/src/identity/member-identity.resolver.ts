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

/**
 * Answers the gateway's "who is this signed-in professional here?": the
 * member of the request's tenant registered with that RPPS or ADELI number.
 * Read under the tenant's scope; a professional of another CPTS, or one who left, is unknown.
 */
@Injectable()
export class MemberIdentityResolver {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ResolveMemberIdentity)
  async resolve(body: ResolveMemberIdentityV1, context: RequestContext): Promise<MemberIdentityV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      // a sandbox identity is stored as given, whatever kind the coordinator chose
      const rows: { id: string; status: MemberStatus }[] = await manager.query(
        `SELECT id, status FROM "membership".members
          WHERE tenant_id = $1 AND identifier_value = $2 AND ($3 = 'SANDBOX' OR identifier_kind = $3) AND left_on IS NULL
          ORDER BY registered_at LIMIT 1`,
        [context.tenantId, body.value, body.kind],
      );
      const member = rows[0];
      if (!member) return { roles: [] };
      return { memberId: member.id, status: member.status, roles: rolesOf(member.status) };
    });
  }
}

/** A registered professional acts as a member, whatever their status; coordinators are granted by the CPTS's own provider. */
export function rolesOf(_status: MemberStatus): Role[] {
  return ['member'];
}
