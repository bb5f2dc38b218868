import { defineEvent } from '../common/contract';
import { MemberSnapshotV1 } from './member-profile';

/**
 * A member's profile changed (identity, profession, practice, association,
 * consent): the whole new snapshot with its revision, to replace the old one.
 */
export class MemberUpdatedV1 extends MemberSnapshotV1 {}

export const MemberUpdated = defineEvent('membership.member.updated.v1', MemberUpdatedV1);
