import { Injectable } from '@nestjs/common';
import { GetStaffMember, GetStaffMemberV1, ProblemError, StaffLoanViewV1, StaffMemberViewV1 } from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { StaffLoanEntity } from './staff-loan.entity';
import { StaffMemberEntity } from './staff-member.entity';

@Injectable()
export class StaffQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(GetStaffMember)
  async get(query: GetStaffMemberV1, context: RequestContext): Promise<StaffMemberViewV1> {
    const [staff, loan] = await this.unitOfWork.read(context.tenantId, (manager) =>
      Promise.all([
        manager.getRepository(StaffMemberEntity).findOneBy({ tenantId: context.tenantId, memberId: query.memberId }),
        manager.getRepository(StaffLoanEntity).findOneBy({ tenantId: context.tenantId, staffId: query.memberId }),
      ]),
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
      ...(staff.source === 'lent' && loan ? { loan: toLoanView(loan) } : {}),
    };
  }
}

function toLoanView(loan: StaffLoanEntity): StaffLoanViewV1 {
  return {
    agreementId: loan.agreementId,
    partnerId: loan.partnerId,
    ...(loan.partnerName ? { partnerName: loan.partnerName } : {}),
    siteIds: loan.siteIds,
    campaignIds: loan.campaignIds,
    ...(loan.startsOn ? { startsOn: loan.startsOn } : {}),
    ...(loan.endsOn ? { endsOn: loan.endsOn } : {}),
    ...(loan.maxHoursPerWeek !== null ? { maxHoursPerWeek: loan.maxHoursPerWeek } : {}),
    ...(loan.maxHoursPerMonth !== null ? { maxHoursPerMonth: loan.maxHoursPerMonth } : {}),
    ...(loan.endedOn ? { endedOn: loan.endedOn } : {}),
  };
}
