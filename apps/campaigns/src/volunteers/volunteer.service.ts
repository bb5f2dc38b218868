import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import {
  AddVolunteer,
  AddVolunteerV1,
  ListVolunteers,
  ListVolunteersV1,
  ProblemError,
  VolunteerListV1,
  VolunteerSignedUp,
  VolunteerViewV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { isCoordinator, requireRole } from '../common/access';
import { findCampaign } from '../campaigns/campaign.service';
import { CampaignMemberEntity } from '../members/campaign-member.entity';
import { findSession } from '../sessions/session.service';
import { VolunteerEntity } from './volunteer.entity';

/**
 * Volunteers of a campaign or of one of its sessions: a member signs up (or a
 * coordinator signs them up); only a coordinator adds a non-member.
 */
@Injectable()
export class VolunteerService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(AddVolunteer)
  async add(body: AddVolunteerV1, context: RequestContext): Promise<VolunteerViewV1> {
    requireRole(context, ['coordinator', 'member'], 'volunteering');
    const coordinator = isCoordinator(context);
    if (body.source === 'external' && !coordinator)
      throw ProblemError.forbidden('only a coordinator adds a volunteer who is not a member');
    if (body.source === 'external' && body.memberId) {
      throw ProblemError.badRequest([
        { field: 'memberId', reason: 'an external volunteer is not a member: give no memberId' },
      ]);
    }
    const memberId =
      body.source === 'member' ? (body.memberId ?? context.actor.memberId) : undefined;
    if (body.source === 'member' && !memberId)
      throw ProblemError.badRequest([
        { field: 'memberId', reason: 'which member volunteers? (the caller is not a member)' },
      ]);
    if (body.source === 'member' && !coordinator && memberId !== context.actor.memberId) {
      throw ProblemError.forbidden('a member signs up themselves only');
    }
    try {
      return await this.unitOfWork.run(context, async (tx) => {
        const campaign = await findCampaign(tx.manager, context.tenantId, body.campaignId);
        if (body.sessionId) {
          const session = await findSession(
            tx.manager,
            context.tenantId,
            campaign.campaignId,
            body.sessionId,
          );
          if (session.status !== 'planned')
            throw ProblemError.conflict(
              `the session is ${session.status}: no one signs up for it any more`,
            );
        }
        let member: CampaignMemberEntity | null = null;
        if (memberId) {
          member = await tx.manager
            .getRepository(CampaignMemberEntity)
            .findOneBy({ tenantId: context.tenantId, memberId });
          if (!member || !member.active)
            throw ProblemError.badRequest([
              { field: 'memberId', reason: `no active member ${memberId} in this CPTS` },
            ]);
        }
        const volunteer = tx.manager.getRepository(VolunteerEntity).create({
          tenantId: context.tenantId,
          volunteerId: randomUUID(),
          campaignId: campaign.campaignId,
          sessionId: body.sessionId ?? null,
          source: body.source,
          memberId: member?.memberId ?? null,
          displayName: member?.displayName ?? body.displayName!,
          profession: member?.profession ?? null,
          recruitedBy: body.recruitedBy ?? null,
          email: body.email ?? null,
          signedUpAt: new Date(),
          addedBy: context.actor.subject,
        });
        await tx.manager.getRepository(VolunteerEntity).insert(volunteer);
        await tx.emit(VolunteerSignedUp, {
          volunteerId: volunteer.volunteerId,
          campaignId: volunteer.campaignId,
          ...(volunteer.sessionId ? { sessionId: volunteer.sessionId } : {}),
          source: volunteer.source,
          ...(volunteer.memberId ? { memberId: volunteer.memberId } : {}),
        });
        return toVolunteerView(volunteer);
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw ProblemError.conflict('this member already volunteers here', [
          { field: 'memberId', reason: 'already signed up' },
        ]);
      }
      throw error;
    }
  }

  @OnRequest(ListVolunteers)
  async list(query: ListVolunteersV1, context: RequestContext): Promise<VolunteerListV1> {
    requireRole(context, ['coordinator', 'member'], 'listing volunteers');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      await findCampaign(manager, context.tenantId, query.campaignId);
      const rows = await manager.getRepository(VolunteerEntity).find({
        where: { tenantId: context.tenantId, campaignId: query.campaignId },
        order: { signedUpAt: 'ASC' },
      });
      return { volunteers: rows.map(toVolunteerView) };
    });
  }
}

function toVolunteerView(v: VolunteerEntity): VolunteerViewV1 {
  return {
    volunteerId: v.volunteerId,
    campaignId: v.campaignId,
    ...(v.sessionId ? { sessionId: v.sessionId } : {}),
    source: v.source,
    ...(v.memberId ? { memberId: v.memberId } : {}),
    displayName: v.displayName,
    ...(v.profession ? { profession: v.profession } : {}),
    ...(v.recruitedBy ? { recruitedBy: v.recruitedBy } : {}),
    signedUpAt: v.signedUpAt.toISOString(),
  };
}
