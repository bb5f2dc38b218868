import { Injectable } from '@nestjs/common';
import { MemberRegistered, MemberRegisteredV1 } from '@maillage/contracts';
import { EventContext, OnEvent } from '@maillage/messaging';
import { StaffMemberEntity } from './staff-member.entity';

/** Keeps the staff pool in step with membership. */
@Injectable()
export class StaffProjection {
  @OnEvent(MemberRegistered)
  async onMemberRegistered(event: MemberRegisteredV1, context: EventContext): Promise<void> {
    await context.manager.getRepository(StaffMemberEntity).upsert(
      {
        tenantId: context.tenantId,
        memberId: event.memberId,
        displayName: `${event.firstName} ${event.lastName}`,
        profession: event.profession,
        specialty: event.specialty ?? null,
        skills: event.skills,
        communes: event.communes,
        status: event.status,
        availability: event.availability,
        source: 'member',
        active: true,
        updatedAt: new Date(context.envelope.occurredAt),
      },
      ['tenantId', 'memberId'],
    );
  }
}
