import { Injectable } from '@nestjs/common';
import {
  CampaignReportQueryV1,
  CampaignReportV1,
  GetCampaignReport,
  ProblemError,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireRole } from '../common/access';
import { isRealDay } from '../campaigns/campaign-rules';
import { CampaignEntity } from '../campaigns/campaign.entity';
import { parisDay } from '../common/paris-date';
import { buildCampaignReport, campaignReportCsv, HeldSession } from './campaign-report';

interface HeldSessionRow {
  campaign_id: string;
  starts_at: Date;
  ends_at: Date;
  participants: number;
  screenings_done: number;
  referred_to_gp: number;
  people: string;
}

/** The ACI indicators of prevention: per campaign, per mission, per period, as JSON or CSV. */
@Injectable()
export class ReportService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(GetCampaignReport)
  async report(query: CampaignReportQueryV1, context: RequestContext): Promise<CampaignReportV1> {
    requireRole(context, ['coordinator'], 'reading the campaign report');
    const errors = [];
    if (!isRealDay(query.from))
      errors.push({ field: 'from', reason: `${query.from} is not a day of the calendar` });
    if (!isRealDay(query.to))
      errors.push({ field: 'to', reason: `${query.to} is not a day of the calendar` });
    if (!errors.length && query.from > query.to)
      errors.push({ field: 'to', reason: 'the report period ends before it starts' });
    if (errors.length) throw ProblemError.badRequest(errors);

    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const campaigns = await manager.getRepository(CampaignEntity).find({
        where: {
          tenantId: context.tenantId,
          ...(query.aciMission ? { aciMission: query.aciMission } : {}),
          ...(query.campaignId ? { campaignId: query.campaignId } : {}),
        },
      });
      // a day of margin each side: the exact Paris day is decided below
      const rows: HeldSessionRow[] = await manager.query(
        `SELECT s.campaign_id, s.starts_at, s.ends_at, s.participants, s.screenings_done, s.referred_to_gp,
                (SELECT count(*) FROM (
                   SELECT a.member_id::text AS who FROM "campaigns".session_assignments a WHERE a.tenant_id = s.tenant_id AND a.session_id = s.session_id
                   UNION
                   SELECT COALESCE(v.member_id::text, v.volunteer_id::text) FROM "campaigns".volunteers v WHERE v.tenant_id = s.tenant_id AND v.session_id = s.session_id
                 ) people) AS people
           FROM "campaigns".sessions s
          WHERE s.tenant_id = $1 AND s.status = 'held'
            AND s.starts_at >= ($2::date - 1) AND s.starts_at < ($3::date + 2)`,
        [context.tenantId, query.from, query.to],
      );
      const held: HeldSession[] = rows.map((row) => ({
        campaignId: row.campaign_id,
        day: parisDay(row.starts_at),
        hours: (row.ends_at.getTime() - row.starts_at.getTime()) / 3_600_000,
        participants: row.participants,
        screeningsDone: row.screenings_done,
        referredToGp: row.referred_to_gp,
        people: Number(row.people),
      }));
      const report = buildCampaignReport(campaigns, held, {
        from: query.from,
        to: query.to,
        granularity: query.granularity ?? 'whole',
      });
      return query.format === 'csv' ? { ...report, csv: campaignReportCsv(report) } : report;
    });
  }
}
