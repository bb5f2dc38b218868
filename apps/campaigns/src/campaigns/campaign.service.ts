import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  CampaignCreated,
  CampaignListV1,
  CampaignViewV1,
  CreateCampaign,
  CreateCampaignV1,
  GetCampaign,
  GetCampaignV1,
  ListCampaigns,
  ListCampaignsV1,
  ProblemError,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireRole } from '../common/access';
import { territoryOf } from '../territory/territory';
import { CampaignEntity } from './campaign.entity';
import { checkCampaign } from './campaign-rules';

/** Opens campaigns and answers what they are. */
@Injectable()
export class CampaignService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(CreateCampaign)
  async create(body: CreateCampaignV1, context: RequestContext): Promise<CampaignViewV1> {
    requireRole(context, ['coordinator'], 'opening a campaign');
    return this.unitOfWork.run(context, async (tx) => {
      const errors = checkCampaign(body, await territoryOf(tx.manager, context.tenantId));
      if (errors.length)
        throw ProblemError.badRequest(errors, 'The campaign cannot be opened as described.');
      const campaign = tx.manager.getRepository(CampaignEntity).create({
        tenantId: context.tenantId,
        campaignId: randomUUID(),
        title: body.title,
        theme: body.theme,
        aciMission: body.aciMission,
        target: { ...body.target },
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        objectives: body.objectives.map((o) => ({ indicator: o.indicator, target: o.target })),
        ownerMemberId: body.ownerMemberId ?? context.actor.memberId ?? null,
        ownerName: body.ownerName ?? null,
        createdBy: context.actor.subject,
        createdAt: new Date(),
      });
      await tx.manager.getRepository(CampaignEntity).insert(campaign);
      await tx.emit(CampaignCreated, {
        campaignId: campaign.campaignId,
        title: campaign.title,
        theme: campaign.theme,
        aciMission: campaign.aciMission,
        periodStart: campaign.periodStart,
        periodEnd: campaign.periodEnd,
        communes: campaign.target.communes,
      });
      return toCampaignView(campaign);
    });
  }

  @OnRequest(GetCampaign)
  async get(query: GetCampaignV1, context: RequestContext): Promise<CampaignViewV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) =>
      toCampaignView(await findCampaign(manager, context.tenantId, query.campaignId)),
    );
  }

  @OnRequest(ListCampaigns)
  async list(query: ListCampaignsV1, context: RequestContext): Promise<CampaignListV1> {
    const campaigns = await this.unitOfWork.read(context.tenantId, (manager) =>
      manager.getRepository(CampaignEntity).find({
        where: {
          tenantId: context.tenantId,
          ...(query.aciMission ? { aciMission: query.aciMission } : {}),
        },
        order: { periodStart: 'DESC', title: 'ASC' },
      }),
    );
    return { campaigns: campaigns.map(toCampaignView) };
  }
}

export async function findCampaign(
  manager: EntityManager,
  tenantId: string,
  campaignId: string,
): Promise<CampaignEntity> {
  const campaign = await manager.getRepository(CampaignEntity).findOneBy({ tenantId, campaignId });
  if (!campaign) throw ProblemError.notFound(`no campaign ${campaignId} in this CPTS`);
  return campaign;
}

export function toCampaignView(campaign: CampaignEntity): CampaignViewV1 {
  return {
    campaignId: campaign.campaignId,
    title: campaign.title,
    theme: campaign.theme,
    aciMission: campaign.aciMission,
    target: campaign.target,
    periodStart: campaign.periodStart,
    periodEnd: campaign.periodEnd,
    objectives: campaign.objectives,
    ...(campaign.ownerMemberId ? { ownerMemberId: campaign.ownerMemberId } : {}),
    ...(campaign.ownerName ? { ownerName: campaign.ownerName } : {}),
    createdBy: campaign.createdBy,
    createdAt: campaign.createdAt.toISOString(),
  };
}
