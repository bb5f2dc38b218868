import { Injectable } from '@nestjs/common';
import {
  EraseMember,
  EraseMemberV1,
  ExportMemberData,
  ExportMemberDataV1,
  MemberDataExportV1,
  MemberErased,
  MemberErasureV1,
  ProblemError,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireTenant } from '../tenants/tenant-scope';
import { assertSelfOrCoordinator, memberForUpdate } from './member-access';
import { MemberChangeEntity, MemberEntity } from './member.entity';
import { toMemberView } from './member.mapper';

/**
 * RGPD: a member's right of access (everything membership holds on them) and
 * right to erasure (deleted here, then every service forgets or pseudonymises
 * them on `membership.member.erased.v1`).
 */
@Injectable()
export class MemberPrivacyService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ExportMemberData)
  async export(query: ExportMemberDataV1, context: RequestContext): Promise<MemberDataExportV1> {
    assertSelfOrCoordinator(context, query.memberId, 'exports the data');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      await requireTenant(manager, context.tenantId);
      const member = await manager
        .getRepository(MemberEntity)
        .findOneBy({ tenantId: context.tenantId, id: query.memberId });
      if (!member) throw ProblemError.notFound(`no member ${query.memberId} in this CPTS`);
      const changes = await manager.getRepository(MemberChangeEntity).find({
        where: { tenantId: context.tenantId, memberId: member.id },
        order: { at: 'ASC', id: 'ASC' },
      });
      return {
        exportedAt: new Date().toISOString(),
        service: 'membership',
        member: {
          ...toMemberView(member),
          ...(member.leftReason ? { leftReason: member.leftReason } : {}),
        },
        history: changes.map((c) => ({ at: c.at.toISOString(), event: c.change, actor: c.actor })),
      };
    });
  }

  @OnRequest(EraseMember)
  async erase(command: EraseMemberV1, context: RequestContext): Promise<MemberErasureV1> {
    assertSelfOrCoordinator(context, command.memberId, 'asks for erasure');
    return this.unitOfWork.run(context, async (tx) => {
      await requireTenant(tx.manager, context.tenantId);
      const member = await memberForUpdate(tx.manager, context.tenantId, command.memberId);
      await tx.manager
        .getRepository(MemberChangeEntity)
        .delete({ tenantId: context.tenantId, memberId: member.id });
      await tx.manager
        .getRepository(MemberEntity)
        .delete({ tenantId: context.tenantId, id: member.id });
      // published events about them are history no one needs here; unpublished ones go out first, then the erasure
      await tx.manager.query(
        `DELETE FROM "membership".outbox WHERE published_at IS NOT NULL AND tenant_id = $1 AND envelope->'payload'->>'memberId' = $2`,
        [context.tenantId, member.id],
      );
      const erasedAt = new Date().toISOString();
      await tx.emit(MemberErased, { memberId: member.id, erasedAt });
      return { memberId: member.id, erasedAt };
    });
  }
}
