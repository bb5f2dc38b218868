import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import {
  AnnouncementEntity,
  AnnouncementRecipientEntity,
} from './announcements/announcement.entity';
import { AnnouncementService } from './announcements/announcement.service';
import { CampaignEntity } from './campaigns/campaign.entity';
import { CampaignService } from './campaigns/campaign.service';
import { CampaignMemberEntity } from './members/campaign-member.entity';
import { MemberProjection } from './members/member-projection';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { Campaigns1764200000000 } from './migrations/1764200000000-campaigns';
import { ReportService } from './report/report.service';
import { RotaProjection } from './sessions/rota-projection';
import { RotaRevisionEntity, SessionAssignmentEntity } from './sessions/session-assignment.entity';
import { SessionNotificationEntity } from './sessions/session-notification.entity';
import { SessionEntity } from './sessions/session.entity';
import { SessionService } from './sessions/session.service';
import { VaccinationLink } from './sessions/vaccination-link';
import { TenantTerritoryEntity } from './territory/tenant-territory.entity';
import { TerritoryProjection } from './territory/territory-projection';
import { VolunteerEntity } from './volunteers/volunteer.entity';
import { VolunteerService } from './volunteers/volunteer.service';

const handlers = [
  TerritoryProjection,
  MemberProjection,
  CampaignService,
  SessionService,
  RotaProjection,
  VaccinationLink,
  VolunteerService,
  AnnouncementService,
  ReportService,
];

const entities = [
  TenantTerritoryEntity,
  CampaignMemberEntity,
  CampaignEntity,
  SessionEntity,
  SessionAssignmentEntity,
  RotaRevisionEntity,
  SessionNotificationEntity,
  VolunteerEntity,
  AnnouncementEntity,
  AnnouncementRecipientEntity,
];

/** The campaigns service: territorial prevention campaigns, sessions, volunteers, indicators. */
@Module({})
export class CampaignsModule {
  static register(runtime: ServiceRuntime, logLevel?: string): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'campaigns',
          schema: 'campaigns',
          runtime,
          entities,
          migrations: [Initial1764000000000, Campaigns1764200000000],
          handlers,
          logLevel,
        }),
      ],
      providers: handlers,
    };
  }
}
