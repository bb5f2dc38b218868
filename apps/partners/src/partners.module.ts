import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { AGREEMENT_CLOCK_INTERVAL, AgreementClock } from './agreements/agreement-clock';
import { AgreementClauseEntity, AgreementEntity } from './agreements/agreement.entity';
import { AgreementLifecycle } from './agreements/agreement-lifecycle';
import { AgreementService } from './agreements/agreement.service';
import { ContactPointService } from './contact-point/contact-point.service';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { Partners1764200000000 } from './migrations/1764200000000-partners';
import { CampaignFeed1764300000000 } from './migrations/1764300000000-campaign-feed';
import { ClauseTenant1765000000000 } from './migrations/1765000000000-clause-tenant';
import { PartnerDirectoryService } from './partners/partner-directory.service';
import { PartnerContactEntity, PartnerEntity } from './partners/partner.entity';
import { ActionFeedProjection } from './radar/action-feed.projection';
import {
  CampaignTitleEntity,
  PartnerActionEntity,
  TenantTerritoryEntity,
} from './radar/partner-action.entity';
import { RadarService } from './radar/radar.service';
import { ReferralEntity } from './referrals/referral.entity';
import { ReferralService } from './referrals/referral.service';

const handlers = [
  PartnerDirectoryService,
  AgreementService,
  ReferralService,
  ContactPointService,
  RadarService,
  ActionFeedProjection,
];

export interface PartnersOptions {
  /** how often due agreements are started and ended; 0 turns the clock off (tests drive it) */
  agreementClockMs?: number;
}

/** The partners service: agreements, staff lent, single contact point, overlap radar. */
@Module({})
export class PartnersModule {
  static register(
    runtime: ServiceRuntime,
    logLevel?: string,
    options: PartnersOptions = {},
  ): DynamicModule {
    return {
      module: PartnersModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'partners',
          schema: 'partners',
          runtime,
          entities: [
            PartnerEntity,
            PartnerContactEntity,
            AgreementEntity,
            AgreementClauseEntity,
            ReferralEntity,
            PartnerActionEntity,
            TenantTerritoryEntity,
            CampaignTitleEntity,
          ],
          migrations: [Initial1764000000000, Partners1764200000000, CampaignFeed1764300000000, ClauseTenant1765000000000],
          handlers,
          logLevel,
        }),
      ],
      providers: [
        ...handlers,
        AgreementLifecycle,
        AgreementClock,
        { provide: AGREEMENT_CLOCK_INTERVAL, useValue: options.agreementClockMs ?? 60_000 },
      ],
    };
  }
}
