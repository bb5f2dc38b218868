import { Module } from '@nestjs/common';
import { CampaignReportController } from './campaign-report.controller';
import { CampaignsController } from './campaigns.controller';

/** The HTTP routes of the campaigns service (MessageBus comes from the global platform module). */
@Module({ controllers: [CampaignsController, CampaignReportController] })
export class CampaignsGatewayModule {}
