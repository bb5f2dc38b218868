import { Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CampaignReportQueryV1,
  CampaignReportV1,
  GetCampaignReport,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

@TenantController('campaigns', 'campaign-report')
export class CampaignReportController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'ACI prevention indicators per campaign, per mission, per period',
    description:
      'Sessions held, participants, screenings, referrals to the GP, volunteers’ hours and objectives reached in %. ' +
      '`format=csv` (or `Accept: text/csv`) gives a French spreadsheet: `;` separated, decimal comma, UTF-8 with BOM.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CampaignReportV1 })
  async report(
    @Query() query: CampaignReportQueryV1,
    @Headers('accept') accept: string | undefined,
    @Ctx() context: RequestContextV1,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CampaignReportV1 | string> {
    const csv =
      query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    const report = await this.bus.request(
      GetCampaignReport,
      { ...query, format: csv ? 'csv' : 'json' },
      context,
    );
    if (!csv) return report;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="rapport-campagnes-${report.from}-${report.to}.csv"`,
    );
    return report.csv ?? '';
  }
}
