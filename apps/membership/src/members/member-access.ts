import { EntityManager } from 'typeorm';
import { ProblemError } from '@maillage/contracts';
import { RequestContext } from '@maillage/messaging';
import { MemberChangeEntity, MemberEntity } from './member.entity';

/** Who may do what to a member: coordinators (and operators) to anyone of their CPTS, a member to themself only. */
export const isCoordinator = (context: RequestContext): boolean =>
  context.actor.roles.some((r) => r === 'coordinator' || r === 'operator');

export const isSelf = (context: RequestContext, memberId: string): boolean =>
  context.actor.roles.includes('member') && context.actor.memberId === memberId;

export function assertCoordinator(context: RequestContext, what: string): void {
  if (!isCoordinator(context)) throw ProblemError.forbidden(`only a coordinator ${what}`);
}

export function assertSelfOrCoordinator(
  context: RequestContext,
  memberId: string,
  what: string,
): void {
  if (!isCoordinator(context) && !isSelf(context, memberId)) {
    throw ProblemError.forbidden(
      `a member ${what} of their own only; a coordinator for anyone of the CPTS`,
    );
  }
}

/** The member of this tenant, locked for the change about to be made. */
export async function memberForUpdate(
  manager: EntityManager,
  tenantId: string,
  memberId: string,
): Promise<MemberEntity> {
  const member = await manager
    .getRepository(MemberEntity)
    .findOne({ where: { tenantId, id: memberId }, lock: { mode: 'pessimistic_write' } });
  if (!member) throw ProblemError.notFound(`no member ${memberId} in this CPTS`);
  return member;
}

export function assertStillMember(member: MemberEntity): void {
  if (member.leftOn) throw ProblemError.conflict(`this member left the CPTS on ${member.leftOn}`);
}

export async function logChange(
  manager: EntityManager,
  member: MemberEntity,
  change: string,
  context: RequestContext,
): Promise<void> {
  await manager.getRepository(MemberChangeEntity).insert({
    tenantId: member.tenantId,
    memberId: member.id,
    at: new Date(),
    change,
    actor: context.actor.subject,
  });
}

/** A unique-index violation (the same RPPS registered twice at once) is a conflict, not a crash. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { driverError?: { code?: string } }).driverError?.code === '23505'
  );
}

export const duplicateIdentifier = (kind: string, value: string | undefined): ProblemError =>
  ProblemError.conflict('a member with this identifier is already registered in this CPTS', [
    { field: 'identifierValue', reason: `${kind} ${value ?? ''} is already registered` },
  ]);
