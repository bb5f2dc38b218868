import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MemberRegistered, MemberViewV1, ProblemError, RegisterMember, RegisterMemberV1 } from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { MemberEntity } from './member.entity';
import { toMemberSnapshot, toMemberView } from './member.mapper';

/** Registers a professional and tells the other services, in one transaction. */
@Injectable()
export class MemberRegistrationService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(RegisterMember)
  async register(body: RegisterMemberV1, context: RequestContext): Promise<MemberViewV1> {
    if (!context.actor.roles.some((r) => r === 'coordinator' || r === 'operator')) {
      throw ProblemError.forbidden('only a coordinator registers members');
    }
    return this.unitOfWork.run(context, async (tx) => {
      const repository = tx.manager.getRepository(MemberEntity);
      if (body.identifierKind !== 'NONE') {
        const duplicate = await repository.findOneBy({
          tenantId: context.tenantId,
          identifierKind: body.identifierKind,
          identifierValue: body.identifierValue ?? '',
        });
        if (duplicate) {
          throw ProblemError.conflict('a member with this identifier is already registered in this CPTS', [
            { field: 'identifierValue', reason: `${body.identifierKind} ${body.identifierValue} is already registered` },
          ]);
        }
      }
      const now = new Date();
      const member = repository.create({
        id: randomUUID(),
        tenantId: context.tenantId,
        lastName: body.lastName,
        firstName: body.firstName,
        email: body.email ?? null,
        phone: body.phone ?? null,
        profession: body.profession,
        specialty: body.specialty ?? null,
        identifierKind: body.identifierKind,
        identifierValue: body.identifierKind === 'NONE' ? null : (body.identifierValue ?? null),
        communes: body.communes,
        status: body.status,
        skills: body.skills,
        availability: body.availability,
        votingRights: body.votingRights,
        structureKind: body.structureKind ?? null,
        structureName: body.structureName ?? null,
        registeredAt: now,
        updatedAt: now,
      });
      await repository.insert(member);
      await tx.emit(MemberRegistered, toMemberSnapshot(member));
      return toMemberView(member);
    });
  }
}
