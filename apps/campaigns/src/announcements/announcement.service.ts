import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AnnouncementSent,
  AnnouncementViewV1,
  GetAnnouncement,
  GetAnnouncementV1,
  ProblemError,
  SendAnnouncement,
  SendAnnouncementV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireRole } from '../common/access';
import { findCampaign } from '../campaigns/campaign.service';
import { CampaignMemberEntity } from '../members/campaign-member.entity';
import { AnnouncementEntity, AnnouncementRecipientEntity } from './announcement.entity';
import { inAudience } from './audience';

/** The newsletter and the call for volunteers: sent to a filtered set of members, recorded with who got it. */
@Injectable()
export class AnnouncementService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(SendAnnouncement)
  async send(body: SendAnnouncementV1, context: RequestContext): Promise<AnnouncementViewV1> {
    requireRole(context, ['coordinator'], 'sending an announcement');
    return this.unitOfWork.run(context, async (tx) => {
      const campaign = await findCampaign(tx.manager, context.tenantId, body.campaignId);
      const members = await tx.manager
        .getRepository(CampaignMemberEntity)
        .find({
          where: { tenantId: context.tenantId, active: true },
          order: { displayName: 'ASC' },
        });
      const recipients = members
        .filter((m) => inAudience(m, body.audience))
        .map((m) => ({ memberId: m.memberId, displayName: m.displayName }));
      if (!recipients.length)
        throw ProblemError.badRequest([
          { field: 'audience', reason: 'no active member matches this audience' },
        ]);
      const announcement = tx.manager.getRepository(AnnouncementEntity).create({
        tenantId: context.tenantId,
        announcementId: randomUUID(),
        campaignId: campaign.campaignId,
        subject: body.subject,
        body: body.body,
        audience: { ...body.audience },
        sentBy: context.actor.subject,
        sentAt: new Date(),
      });
      await tx.manager.getRepository(AnnouncementEntity).insert(announcement);
      await tx.manager
        .getRepository(AnnouncementRecipientEntity)
        .insert(
          recipients.map((r) => ({
            tenantId: context.tenantId,
            announcementId: announcement.announcementId,
            ...r,
          })),
        );
      await tx.emit(AnnouncementSent, {
        announcementId: announcement.announcementId,
        campaignId: campaign.campaignId,
        subject: announcement.subject,
        body: announcement.body,
        recipients,
      });
      return toView(announcement, recipients);
    });
  }

  @OnRequest(GetAnnouncement)
  async get(query: GetAnnouncementV1, context: RequestContext): Promise<AnnouncementViewV1> {
    requireRole(context, ['coordinator'], 'reading an announcement and its recipients');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const announcement = await manager
        .getRepository(AnnouncementEntity)
        .findOneBy({
          tenantId: context.tenantId,
          campaignId: query.campaignId,
          announcementId: query.announcementId,
        });
      if (!announcement)
        throw ProblemError.notFound(
          `no announcement ${query.announcementId} in campaign ${query.campaignId}`,
        );
      const recipients = await manager.getRepository(AnnouncementRecipientEntity).find({
        where: { tenantId: context.tenantId, announcementId: query.announcementId },
        order: { displayName: 'ASC' },
      });
      return toView(
        announcement,
        recipients.map((r) => ({ memberId: r.memberId, displayName: r.displayName })),
      );
    });
  }
}

function toView(
  a: AnnouncementEntity,
  recipients: { memberId: string; displayName: string }[],
): AnnouncementViewV1 {
  return {
    announcementId: a.announcementId,
    campaignId: a.campaignId,
    subject: a.subject,
    body: a.body,
    audience: a.audience,
    sentBy: a.sentBy,
    sentAt: a.sentAt.toISOString(),
    recipients,
  };
}
