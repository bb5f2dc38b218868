import { ConsentPurposeV1, MemberSnapshotV1, MemberViewV1 } from '@maillage/contracts';
import { MemberEntity } from './member.entity';

/** Purposes the member consents to now: given and not withdrawn since. */
export function currentConsentPurposes(member: MemberEntity): ConsentPurposeV1[] {
  return [...new Set(member.consents.filter((c) => !c.withdrawnAt).map((c) => c.purpose))];
}

export function toMemberSnapshot(member: MemberEntity): MemberSnapshotV1 {
  return {
    memberId: member.id,
    lastName: member.lastName,
    firstName: member.firstName,
    profession: member.profession,
    ...(member.specialty ? { specialty: member.specialty } : {}),
    identifierKind: member.identifierKind,
    ...(member.identifierValue ? { identifierValue: member.identifierValue } : {}),
    communes: member.communes,
    status: member.status,
    skills: member.skills,
    availability: member.availability,
    votingRights: member.votingRights,
    ...(member.email ? { email: member.email } : {}),
    ...(member.phone ? { phone: member.phone } : {}),
    ...(member.structureKind
      ? { structureKind: member.structureKind as MemberSnapshotV1['structureKind'] }
      : {}),
    ...(member.structureName ? { structureName: member.structureName } : {}),
    association: member.association,
    consentPurposes: currentConsentPurposes(member),
    ...(member.leftOn ? { leftOn: member.leftOn } : {}),
    revision: member.revision,
  };
}

export function toMemberView(member: MemberEntity): MemberViewV1 {
  return {
    ...toMemberSnapshot(member),
    consents: member.consents,
    registeredAt: member.registeredAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}
