import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import {
  AcknowledgeReferral,
  CompleteReferral,
  ListReferrals,
  ListReferralsV1,
  ProblemError,
  ReferralIdV1,
  ReferralListV1,
  ReferralStatus,
  ReferralViewV1,
  SendReferral,
  SendReferralV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import {
  actingPartnerId,
  hasLiveAgreement,
  requirePartnerId,
  requireRole,
} from '../partners/partner-access';
import { PartnerContactEntity } from '../partners/partner.entity';
import { ReferralEntity } from './referral.entity';

/** sent → acknowledged → done: the partner moves a referral forward, one step at a time. */
const NEXT: Record<ReferralStatus, ReferralStatus | undefined> = {
  sent: 'acknowledged',
  acknowledged: 'done',
  done: undefined,
};

/** A professional orients a case to a partner; both follow it up. */
@Injectable()
export class ReferralService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(SendReferral)
  async send(body: SendReferralV1, context: RequestContext): Promise<ReferralViewV1> {
    requireRole(context.actor, ['member', 'coordinator'], 'sending a referral');
    try {
      return await this.sendOnce(body, context);
    } catch (error) {
      // the same reference sent twice at once: the unique index decides
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string })?.code === '23505'
      ) {
        throw duplicateReference(body.reference);
      }
      throw error;
    }
  }

  private sendOnce(body: SendReferralV1, context: RequestContext): Promise<ReferralViewV1> {
    return this.unitOfWork.run(context, async (tx) => {
      if (!(await hasLiveAgreement(tx.manager, context.tenantId, body.partnerId))) {
        throw ProblemError.badRequest([
          { field: 'partnerId', reason: 'this CPTS has no agreement in force with this partner' },
        ]);
      }
      if (
        body.contactId &&
        !(await tx.manager
          .getRepository(PartnerContactEntity)
          .existsBy({ id: body.contactId, partnerId: body.partnerId }))
      ) {
        throw ProblemError.badRequest([
          { field: 'contactId', reason: 'no such contact at this partner' },
        ]);
      }
      const referrals = tx.manager.getRepository(ReferralEntity);
      if (
        await referrals.existsBy({
          tenantId: context.tenantId,
          partnerId: body.partnerId,
          reference: body.reference,
        })
      ) {
        throw duplicateReference(body.reference);
      }
      const referral = Object.assign(new ReferralEntity(), {
        id: randomUUID(),
        tenantId: context.tenantId,
        partnerId: body.partnerId,
        contactId: body.contactId ?? null,
        reference: body.reference,
        referrerSubject: context.actor.subject,
        referrerMemberId: context.actor.memberId ?? null,
        status: 'sent',
        sentAt: new Date(),
        acknowledgedAt: null,
        doneAt: null,
      } satisfies ReferralEntity);
      await referrals.insert(referral);
      return toReferralView(referral);
    });
  }

  @OnRequest(ListReferrals)
  async list(query: ListReferralsV1, context: RequestContext): Promise<ReferralListV1> {
    const own = actingPartnerId(context.actor);
    const coordinator =
      !own && context.actor.roles.some((r) => r === 'coordinator' || r === 'operator');
    if (!own && !coordinator) requireRole(context.actor, ['member'], 'listing referrals');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const referrals = await manager.getRepository(ReferralEntity).find({
        where: {
          tenantId: context.tenantId,
          // a partner sees what was sent to it, a professional what they sent, the coordination everything
          ...(own
            ? { partnerId: own }
            : coordinator
              ? {}
              : { referrerSubject: context.actor.subject }),
          ...(query.status ? { status: query.status } : {}),
        },
        order: { sentAt: 'DESC' },
        take: 500,
      });
      return { referrals: referrals.map(toReferralView) };
    });
  }

  @OnRequest(AcknowledgeReferral)
  acknowledge(query: ReferralIdV1, context: RequestContext): Promise<ReferralViewV1> {
    return this.advance(query.referralId, 'acknowledged', context);
  }

  @OnRequest(CompleteReferral)
  complete(query: ReferralIdV1, context: RequestContext): Promise<ReferralViewV1> {
    return this.advance(query.referralId, 'done', context);
  }

  private advance(
    referralId: string,
    to: ReferralStatus,
    context: RequestContext,
  ): Promise<ReferralViewV1> {
    const partnerId = requirePartnerId(context.actor);
    return this.unitOfWork.run(context, async (tx) => {
      const referral = await this.lockedReferral(
        tx.manager,
        referralId,
        context.tenantId,
        partnerId,
      );
      if (NEXT[referral.status] !== to) {
        throw ProblemError.conflict(`a ${referral.status} referral cannot become ${to}`, [
          { field: 'status', reason: `is ${referral.status}` },
        ]);
      }
      const now = new Date();
      referral.status = to;
      if (to === 'acknowledged') referral.acknowledgedAt = now;
      if (to === 'done') referral.doneAt = now;
      await tx.manager.getRepository(ReferralEntity).update(
        { id: referral.id },
        {
          status: referral.status,
          acknowledgedAt: referral.acknowledgedAt,
          doneAt: referral.doneAt,
        },
      );
      return toReferralView(referral);
    });
  }

  private async lockedReferral(
    manager: EntityManager,
    id: string,
    tenantId: string,
    partnerId: string,
  ): Promise<ReferralEntity> {
    const referral = await manager
      .getRepository(ReferralEntity)
      .findOne({ where: { id, tenantId, partnerId }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw ProblemError.notFound(`no referral ${id} for this partner`);
    return referral;
  }
}

function toReferralView(referral: ReferralEntity): ReferralViewV1 {
  return {
    referralId: referral.id,
    partnerId: referral.partnerId,
    ...(referral.contactId ? { contactId: referral.contactId } : {}),
    reference: referral.reference,
    referrerSubject: referral.referrerSubject,
    ...(referral.referrerMemberId ? { referrerMemberId: referral.referrerMemberId } : {}),
    status: referral.status,
    sentAt: referral.sentAt.toISOString(),
    ...(referral.acknowledgedAt ? { acknowledgedAt: referral.acknowledgedAt.toISOString() } : {}),
    ...(referral.doneAt ? { doneAt: referral.doneAt.toISOString() } : {}),
  };
}

function duplicateReference(reference: string): ProblemError {
  return ProblemError.conflict('this reference was already sent to this partner', [
    { field: 'reference', reason: `${reference} already exists` },
  ]);
}
