import { Injectable } from '@nestjs/common';
import { GetStaffMember, GetStaffMemberV1, ProblemError, StaffMemberViewV1 } from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { StaffMemberEntity } from './staff-member.entity';

@Injectable()
export class StaffQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(GetStaffMember)
  async get(query: GetStaffMemberV1, context: RequestContext): Promise<StaffMemberViewV1> {
    const staff = await this.unitOfWork.read(context.tenantId, (manager) =>
      manager.getRepository(StaffMemberEntity).findOneBy({ tenantId: context.tenantId, memberId: query.memberId }),
    );
    if (!staff) throw ProblemError.notFound(`no staff member ${query.memberId} in this CPTS`);
    return {
      memberId: staff.memberId,
      displayName: staff.displayName,
      profession: staff.profession,
      ...(staff.specialty ? { specialty: staff.specialty } : {}),
      skills: staff.skills,
      communes: staff.communes,
      status: staff.status,
      availability: staff.availability,
      source: staff.source,
      active: staff.active,
      updatedAt: staff.updatedAt.toISOString(),
    };
  }
}
