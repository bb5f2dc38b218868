import { Injectable } from '@nestjs/common';
import {
  GetMember,
  GetMemberV1,
  MemberPageV1,
  MemberViewV1,
  pageWindow,
  parseSort,
  ProblemError,
  SearchMembers,
  SearchMembersV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { hasAvailabilityOn } from '../availability/available-on';
import { requireTenant } from '../tenants/tenant-scope';
import { isCoordinator, isSelf } from './member-access';
import { MemberEntity } from './member.entity';
import { toMemberView } from './member.mapper';
import { toDomainAvailability } from './member-wire';

const SORTABLE = ['lastName', 'firstName', 'registeredAt'] as const;
const COLUMN: Record<(typeof SORTABLE)[number], string> = {
  lastName: 'm.last_name',
  firstName: 'm.first_name',
  registeredAt: 'm.registered_at',
};

/** Reading members: one by id, or a filtered page for the coordinator's directory and the scheduler. */
@Injectable()
export class MemberQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(GetMember)
  async get(query: GetMemberV1, context: RequestContext): Promise<MemberViewV1> {
    if (
      !isCoordinator(context) &&
      !context.actor.roles.includes('scheduler') &&
      !isSelf(context, query.memberId)
    ) {
      throw ProblemError.forbidden('a member reads their own record only');
    }
    const member = await this.unitOfWork.read(context.tenantId, async (manager) => {
      await requireTenant(manager, context.tenantId);
      return manager
        .getRepository(MemberEntity)
        .findOneBy({ tenantId: context.tenantId, id: query.memberId });
    });
    if (!member) throw ProblemError.notFound(`no member ${query.memberId} in this CPTS`);
    return toMemberView(member);
  }

  @OnRequest(SearchMembers)
  async search(query: SearchMembersV1, context: RequestContext): Promise<MemberPageV1> {
    if (!isCoordinator(context) && !context.actor.roles.includes('scheduler')) {
      throw ProblemError.forbidden('the directory is for coordinators and schedulers');
    }
    const sort = parseSort(query.sort, SORTABLE, [{ field: 'lastName', direction: 'ASC' }]);
    const { page, pageSize, offset, limit } = pageWindow(query);
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      await requireTenant(manager, context.tenantId);
      const builder = manager
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .where('m.tenant_id = :tenantId', { tenantId: context.tenantId });
      if (!query.includeLeft) builder.andWhere('m.left_on IS NULL');
      if (query.profession)
        builder.andWhere('m.profession = :profession', { profession: query.profession });
      if (query.status) builder.andWhere('m.status = :status', { status: query.status });
      if (query.commune)
        builder.andWhere(':commune = ANY(m.communes)', { commune: query.commune.toUpperCase() });
      if (query.skill)
        builder.andWhere('m.skills @> :skill::jsonb', {
          skill: JSON.stringify([{ code: query.skill }]),
        });
      if (query.name) {
        builder.andWhere("(m.last_name || ' ' || m.first_name) ILIKE :name", {
          name: `%${query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        });
      }
      for (const [i, key] of sort.entries()) {
        if (i === 0) builder.orderBy(COLUMN[key.field], key.direction);
        else builder.addOrderBy(COLUMN[key.field], key.direction);
      }
      builder.addOrderBy('m.id', 'ASC');
      if (query.availableOn) {
        // availability is a pattern, not rows: filter the tenant's matches in memory (hundreds, not millions)
        const date = query.availableOn;
        const matching = (await builder.getMany()).filter((m) =>
          hasAvailabilityOn(toDomainAvailability(m.availability), date),
        );
        return {
          items: matching.slice(offset, offset + limit).map(toMemberView),
          page,
          pageSize,
          total: matching.length,
        };
      }
      const [members, total] = await builder.skip(offset).take(limit).getManyAndCount();
      return { items: members.map(toMemberView), page, pageSize, total };
    });
  }
}
