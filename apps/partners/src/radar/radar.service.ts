import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, LessThan, MoreThan } from 'typeorm';
import {
  ActionViewV1,
  DeclareAction,
  DeclareActionV1,
  GetOverlapRadar,
  ProblemError,
  RadarV1,
  RadarWindowV1,
} from '@maillage/contracts';
import { checkInseeCommune, findCommune } from '@maillage/identifiers';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requirePartnerId, requireRole } from '../partners/partner-access';
import { PartnerEntity } from '../partners/partner.entity';
import { fallsOnSectors, groupOverlaps, PlaceOf } from './overlap-radar';
import {
  CampaignTitleEntity,
  PartnerActionEntity,
  TenantTerritoryEntity,
} from './partner-action.entity';

const MAX_WINDOW_DAYS = 366;

/** A commune and its EPCI: actions in the same intercommunality compete for the same representative. */
const placeOf: PlaceOf = (commune) => {
  const epci = findCommune(commune)?.epciCode;
  return epci ? [commune, `epci:${epci}`] : [commune];
};

export function toActionView(action: PartnerActionEntity, campaignTitle?: string): ActionViewV1 {
  return {
    actionId: action.id,
    tenantId: action.tenantId,
    kind: action.kind,
    title: campaignTitle ? `${campaignTitle} — ${action.title}` : action.title,
    communes: action.communes,
    online: action.online,
    startsAt: action.startsAt.toISOString(),
    endsAt: action.endsAt.toISOString(),
    source: action.source,
  };
}

/** Actions of the CPTS, and the radar a partner reads across every CPTS it has an agreement with. */
@Injectable()
export class RadarService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(DeclareAction)
  async declare(body: DeclareActionV1, context: RequestContext): Promise<ActionViewV1> {
    requireRole(context.actor, ['coordinator'], 'declaring an action to partners');
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const errors = [];
    if (!(endsAt > startsAt))
      errors.push({ field: 'endsAt', reason: 'endsAt must be after startsAt' });
    if (!body.online && body.communes.length === 0)
      errors.push({
        field: 'communes',
        reason: 'an action on site takes place in at least one commune',
      });
    if (errors.length) throw ProblemError.badRequest(errors);
    return this.unitOfWork.run(context, async (tx) => {
      const action = Object.assign(new PartnerActionEntity(), {
        id: randomUUID(),
        tenantId: context.tenantId,
        kind: body.kind,
        title: body.title.trim(),
        communes: [
          ...new Set(
            body.communes.map((c) => {
              const check = checkInseeCommune(c);
              return check.valid ? check.value : c;
            }),
          ),
        ],
        online: body.online,
        startsAt,
        endsAt,
        source: 'declared',
        sourceRef: null,
        campaignId: null,
        cancelled: false,
        createdAt: new Date(),
      } satisfies PartnerActionEntity);
      await tx.manager.getRepository(PartnerActionEntity).insert(action);
      return toActionView(action);
    });
  }

  @OnRequest(GetOverlapRadar)
  async radar(window: RadarWindowV1, context: RequestContext): Promise<RadarV1> {
    const partnerId = requirePartnerId(context.actor);
    const from = new Date(window.from);
    const to = new Date(window.to);
    if (!(to > from))
      throw ProblemError.badRequest([{ field: 'to', reason: 'to must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      throw ProblemError.badRequest([
        { field: 'to', reason: `the window is at most ${MAX_WINDOW_DAYS} days` },
      ]);
    }
    // the CPTS whose agreements with this partner are in force: they share their actions with it
    // (the one read of this service that spans tenants, read-only and for this partner only)
    const tenants: { tenant_id: string }[] = await this.unitOfWork.readAcrossTenants(
      '*',
      (manager) =>
        manager.query(
          `SELECT DISTINCT tenant_id FROM "partners".agreements WHERE partner_id = $1 AND status <> 'ended'`,
          [partnerId],
        ),
    );
    const tenantIds = tenants.map((t) => t.tenant_id);
    return this.unitOfWork.readAcrossTenants(tenantIds, async (manager) => {
      const partner = await manager.getRepository(PartnerEntity).findOneBy({ id: partnerId });
      if (!partner) throw ProblemError.notFound(`no partner ${partnerId}`);
      if (!tenantIds.includes(context.tenantId))
        throw ProblemError.forbidden('this CPTS has no agreement in force with your organisation');
      const actions = await manager.getRepository(PartnerActionEntity).find({
        where: {
          tenantId: In(tenantIds),
          cancelled: false,
          startsAt: LessThan(to),
          endsAt: MoreThan(from),
        },
        order: { startsAt: 'ASC' },
        take: 5000,
      });
      const territories = await manager
        .getRepository(TenantTerritoryEntity)
        .findBy({ tenantId: In(tenantIds) });
      const territoryOf = new Map(territories.map((t) => [t.tenantId, t.communes]));
      const sectors = new Set(partner.sectors);
      const onSectors = actions.filter((a) =>
        fallsOnSectors(a, sectors, (id) => territoryOf.get(id) ?? []),
      );
      const campaignIds = [
        ...new Set(onSectors.flatMap((a) => (a.campaignId ? [a.campaignId] : []))),
      ];
      const titles = campaignIds.length
        ? await manager.getRepository(CampaignTitleEntity).findBy({ campaignId: In(campaignIds) })
        : [];
      const titleOf = new Map(titles.map((t) => [`${t.tenantId}/${t.campaignId}`, t.title]));
      return {
        partnerId,
        groups: groupOverlaps(onSectors, placeOf).map((group) => ({
          overlapping: group.overlapping,
          tenantIds: group.tenantIds,
          startsAt: group.startsAt.toISOString(),
          endsAt: group.endsAt.toISOString(),
          actions: group.actions.map((a) =>
            toActionView(
              a,
              a.campaignId ? titleOf.get(`${a.tenantId}/${a.campaignId}`) : undefined,
            ),
          ),
        })),
      };
    });
  }
}
