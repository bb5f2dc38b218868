import { MemberSnapshotV1, MemberViewV1 } from '@maillage/contracts';
import { MemberEntity } from './member.entity';

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
  };
}

export function toMemberView(member: MemberEntity): MemberViewV1 {
  return {
    ...toMemberSnapshot(member),
    ...(member.email ? { email: member.email } : {}),
    ...(member.phone ? { phone: member.phone } : {}),
    ...(member.structureKind ? { structureKind: member.structureKind } : {}),
    ...(member.structureName ? { structureName: member.structureName } : {}),
    registeredAt: member.registeredAt.toISOString(),
  };
}
