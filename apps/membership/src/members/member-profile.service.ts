import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  MemberAvailabilityChanged,
  MemberLeft,
  MemberSkillsChanged,
  MemberUpdated,
  MemberViewV1,
  ProblemError,
  RecordConsent,
  RecordConsentV1,
  RecordMemberLeft,
  RecordMemberLeftV1,
  ReplaceMemberAvailability,
  ReplaceMemberAvailabilityV1,
  ReplaceMemberSkills,
  ReplaceMemberSkillsV1,
  UpdateMemberProfile,
  UpdateMemberProfileV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { Transaction, UnitOfWork } from '@maillage/platform';
import { checkAvailability } from '../availability/availability';
import { requireTenant } from '../tenants/tenant-scope';
import {
  assertSelfOrCoordinator,
  assertStillMember,
  duplicateIdentifier,
  isCoordinator,
  isUniqueViolation,
  logChange,
  memberForUpdate,
} from './member-access';
import { MemberEntity } from './member.entity';
import { toMemberSnapshot, toMemberView } from './member.mapper';
import { parisToday } from './member-rules';
import { checkMemberFields, MemberFields, toDomainAvailability, toWireField } from './member-wire';

/**
 * Changes to a member after registration: profile, skills, availability,
 * leaving, consent. Each is one transaction with its event, and the revision
 * every event carries grows by one. A member changes their own record; a
 * coordinator anyone's in the CPTS.
 */
@Injectable()
export class MemberProfileService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(UpdateMemberProfile)
  async update(body: UpdateMemberProfileV1, context: RequestContext): Promise<MemberViewV1> {
    assertSelfOrCoordinator(context, body.memberId, 'changes a profile');
    if (
      !isCoordinator(context) &&
      (body.association !== undefined || body.votingRights !== undefined)
    ) {
      throw ProblemError.forbidden(
        'membership periods, roles and voting rights are kept by the coordinator',
      );
    }
    const { memberId, expectedVersion, ...changes } = body;
    try {
      return await this.change(context, memberId, expectedVersion, async (tx, member) => {
        const merged: MemberFields = { ...fieldsOf(member), ...definedOnly(changes) };
        if (changes.identifierKind === 'NONE') delete merged.identifierValue;
        const errors = checkMemberFields(merged, parisToday());
        if (errors.length > 0) throw ProblemError.badRequest(errors);
        if (
          merged.identifierKind !== 'NONE' &&
          (merged.identifierKind !== member.identifierKind ||
            merged.identifierValue !== member.identifierValue)
        ) {
          const other = await tx.manager.getRepository(MemberEntity).findOneBy({
            tenantId: context.tenantId,
            identifierKind: merged.identifierKind,
            identifierValue: merged.identifierValue ?? '',
          });
          if (other && other.id !== member.id)
            throw duplicateIdentifier(merged.identifierKind, merged.identifierValue);
        }
        member.lastName = merged.lastName.trim();
        member.firstName = merged.firstName.trim();
        member.email = merged.email?.trim().toLowerCase() ?? null;
        member.phone = merged.phone?.trim() || null;
        member.profession = merged.profession;
        member.specialty = merged.specialty ?? null;
        member.identifierKind = merged.identifierKind;
        member.identifierValue =
          merged.identifierKind === 'NONE'
            ? null
            : (merged.identifierValue?.replace(/\s/g, '').toUpperCase() ?? null);
        member.communes = merged.communes.map((c) => c.trim().toUpperCase());
        member.status = merged.status;
        member.structureKind = merged.structureKind ?? 'SOLO';
        member.structureName = merged.structureName?.trim() || null;
        if (merged.association) member.association = merged.association;
        member.votingRights = merged.votingRights;
        await save(
          tx,
          member,
          `profile updated (${Object.keys(changes).sort().join(', ')})`,
          context,
        );
        await tx.emit(MemberUpdated, toMemberSnapshot(member));
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw duplicateIdentifier(body.identifierKind ?? '', body.identifierValue);
      throw error;
    }
  }

  @OnRequest(ReplaceMemberSkills)
  async replaceSkills(body: ReplaceMemberSkillsV1, context: RequestContext): Promise<MemberViewV1> {
    assertSelfOrCoordinator(context, body.memberId, 'changes skills');
    return this.change(context, body.memberId, body.expectedVersion, async (tx, member) => {
      const errors = checkMemberFields(
        { ...fieldsOf(member), skills: body.skills },
        parisToday(),
      ).filter((e) => e.field.startsWith('skills'));
      if (errors.length > 0) throw ProblemError.badRequest(errors);
      member.skills = body.skills;
      await save(tx, member, 'skills changed', context);
      await tx.emit(MemberSkillsChanged, {
        memberId: member.id,
        skills: member.skills,
        revision: member.revision,
      });
    });
  }

  @OnRequest(ReplaceMemberAvailability)
  async replaceAvailability(
    body: ReplaceMemberAvailabilityV1,
    context: RequestContext,
  ): Promise<MemberViewV1> {
    assertSelfOrCoordinator(context, body.memberId, 'changes availability');
    const errors = checkAvailability(toDomainAvailability(body.availability), 'availability').map(
      (e) => ({ field: toWireField(e.field), reason: e.reason }),
    );
    if (errors.length > 0) throw ProblemError.badRequest(errors);
    return this.change(context, body.memberId, body.expectedVersion, async (tx, member) => {
      member.availability = body.availability;
      await save(tx, member, 'availability changed', context);
      await tx.emit(MemberAvailabilityChanged, {
        memberId: member.id,
        availability: member.availability,
        revision: member.revision,
      });
    });
  }

  @OnRequest(RecordMemberLeft)
  async leave(body: RecordMemberLeftV1, context: RequestContext): Promise<MemberViewV1> {
    assertSelfOrCoordinator(context, body.memberId, 'records leaving');
    return this.change(context, body.memberId, undefined, async (tx, member) => {
      if (body.leftOn < member.registeredAt.toISOString().slice(0, 10)) {
        throw ProblemError.badRequest([
          {
            field: 'leftOn',
            reason: `a member cannot leave before joining (${member.registeredAt.toISOString().slice(0, 10)})`,
          },
        ]);
      }
      member.leftOn = body.leftOn;
      member.leftReason = body.reason ?? null;
      // the open membership period ends the day they leave; no vote afterwards
      member.association = {
        ...member.association,
        periods: member.association.periods.map((p) =>
          p.to === undefined && p.from <= body.leftOn ? { ...p, to: body.leftOn } : p,
        ),
      };
      member.votingRights = false;
      await save(tx, member, `left on ${body.leftOn}`, context);
      await tx.emit(MemberLeft, {
        memberId: member.id,
        leftOn: body.leftOn,
        ...(body.reason ? { reason: body.reason } : {}),
        revision: member.revision,
      });
    });
  }

  @OnRequest(RecordConsent)
  async recordConsent(body: RecordConsentV1, context: RequestContext): Promise<MemberViewV1> {
    assertSelfOrCoordinator(context, body.memberId, 'records consent');
    return this.change(
      context,
      body.memberId,
      undefined,
      async (tx, member) => {
        const now = new Date().toISOString();
        const current = member.consents.some((c) => c.purpose === body.purpose && !c.withdrawnAt);
        if (body.given && current) return;
        if (!body.given && !current) return;
        member.consents = body.given
          ? [...member.consents, { purpose: body.purpose, givenAt: now }]
          : member.consents.map((c) =>
              c.purpose === body.purpose && !c.withdrawnAt ? { ...c, withdrawnAt: now } : c,
            );
        await save(
          tx,
          member,
          `consent to ${body.purpose} ${body.given ? 'given' : 'withdrawn'}`,
          context,
        );
        await tx.emit(MemberUpdated, toMemberSnapshot(member));
      },
      { allowLeft: true },
    );
  }

  private async change(
    context: RequestContext,
    memberId: string,
    expectedVersion: string | undefined,
    apply: (tx: Transaction, member: MemberEntity) => Promise<void>,
    options: { allowLeft?: boolean } = {},
  ): Promise<MemberViewV1> {
    return this.unitOfWork.run(context, async (tx) => {
      await requireTenant(tx.manager, context.tenantId);
      const member = await memberForUpdate(tx.manager, context.tenantId, memberId);
      if (!options.allowLeft) assertStillMember(member);
      // the coordinator and the member may edit one record at once: a stale write is refused, not merged
      assertVersion(member.revision, expectedVersion);
      await apply(tx, member);
      return toMemberView(member);
    });
  }
}

async function save(
  tx: Transaction,
  member: MemberEntity,
  change: string,
  context: RequestContext,
): Promise<void> {
  member.revision += 1;
  member.updatedAt = new Date();
  await tx.manager.getRepository(MemberEntity).save(member);
  await logChange(tx.manager, member, change, context);
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The stored member as the wire fields the rules check. */
export function fieldsOf(member: MemberEntity): MemberFields {
  return {
    lastName: member.lastName,
    firstName: member.firstName,
    ...(member.email ? { email: member.email } : {}),
    ...(member.phone ? { phone: member.phone } : {}),
    profession: member.profession,
    ...(member.specialty ? { specialty: member.specialty } : {}),
    identifierKind: member.identifierKind,
    ...(member.identifierValue ? { identifierValue: member.identifierValue } : {}),
    communes: member.communes,
    status: member.status,
    skills: member.skills,
    availability: member.availability,
    votingRights: member.votingRights,
    ...(member.structureKind
      ? { structureKind: member.structureKind as MemberFields['structureKind'] }
      : {}),
    ...(member.structureName ? { structureName: member.structureName } : {}),
    association: member.association,
  };
}
