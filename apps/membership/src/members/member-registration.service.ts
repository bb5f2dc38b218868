import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  MemberRegistered,
  MemberViewV1,
  ProblemError,
  RegisterMember,
  RegisterMemberV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { Transaction, UnitOfWork } from '@maillage/platform';
import { requireTenant } from '../tenants/tenant-scope';
import {
  assertCoordinator,
  duplicateIdentifier,
  isUniqueViolation,
  logChange,
} from './member-access';
import { MemberEntity } from './member.entity';
import { toMemberSnapshot, toMemberView } from './member.mapper';
import { parisToday } from './member-rules';
import { checkMemberFields, defaultAssociation, MemberFields } from './member-wire';

/** Registers a professional and tells the other services, in one transaction. */
@Injectable()
export class MemberRegistrationService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(RegisterMember)
  async register(body: RegisterMemberV1, context: RequestContext): Promise<MemberViewV1> {
    assertCoordinator(context, 'registers members');
    const today = parisToday();
    const errors = checkMemberFields(body, today);
    if (errors.length > 0) throw ProblemError.badRequest(errors);
    try {
      return await this.unitOfWork.run(context, async (tx) => {
        await requireTenant(tx.manager, context.tenantId);
        return toMemberView(await registerMember(tx, context, body, today));
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw duplicateIdentifier(body.identifierKind, body.identifierValue);
      throw error;
    }
  }
}

/**
 * Inserts a member whose fields passed the rules, refusing a duplicate
 * identifier in the CPTS, and emits `membership.member.registered.v1`.
 */
export async function registerMember(
  tx: Transaction,
  context: RequestContext,
  body: MemberFields,
  today: string,
): Promise<MemberEntity> {
  const repository = tx.manager.getRepository(MemberEntity);
  if (body.identifierKind !== 'NONE') {
    const duplicate = await repository.findOneBy({
      tenantId: context.tenantId,
      identifierKind: body.identifierKind,
      identifierValue: body.identifierValue ?? '',
    });
    if (duplicate) throw duplicateIdentifier(body.identifierKind, body.identifierValue);
  }
  const now = new Date();
  const member = repository.create({
    id: randomUUID(),
    tenantId: context.tenantId,
    lastName: body.lastName.trim(),
    firstName: body.firstName.trim(),
    email: body.email?.trim().toLowerCase() ?? null,
    phone: body.phone?.trim() || null,
    profession: body.profession,
    specialty: body.specialty ?? null,
    identifierKind: body.identifierKind,
    identifierValue:
      body.identifierKind === 'NONE'
        ? null
        : (body.identifierValue?.replace(/\s/g, '').toUpperCase() ?? null),
    communes: body.communes.map((c) => c.trim().toUpperCase()),
    status: body.status,
    skills: body.skills,
    availability: body.availability,
    votingRights: body.votingRights,
    structureKind: body.structureKind ?? 'SOLO',
    structureName: body.structureName?.trim() || null,
    association: body.association ?? defaultAssociation(today),
    consents: body.consents ?? [],
    revision: 1,
    leftOn: null,
    leftReason: null,
    registeredAt: now,
    updatedAt: now,
  });
  await repository.insert(member);
  await logChange(tx.manager, member, 'registered', context);
  await tx.emit(MemberRegistered, toMemberSnapshot(member));
  return member;
}
