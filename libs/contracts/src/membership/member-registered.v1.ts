import { defineEvent } from '../common/contract';
import { MemberSnapshotV1 } from './member-profile';

/** A professional joined the CPTS: the whole snapshot others may keep. */
export class MemberRegisteredV1 extends MemberSnapshotV1 {}

export const MemberRegistered = defineEvent('membership.member.registered.v1', MemberRegisteredV1);
