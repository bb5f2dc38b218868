import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { MemberImportService } from './import/member-import.service';
import { MemberChangeEntity, MemberEntity } from './members/member.entity';
import { MemberPrivacyService } from './members/member-privacy.service';
import { MemberProfileService } from './members/member-profile.service';
import { MemberQueries } from './members/member-queries';
import { MemberRegistrationService } from './members/member-registration.service';
import { MemberIdentityResolver } from './identity/member-identity.resolver';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { TenantsAndMemberLifecycle1764100000000 } from './migrations/1764100000000-tenants-and-member-lifecycle';
import { ProfessionCatalogueService } from './professions/profession-catalogue.service';
import { TenantEntity } from './tenants/tenant.entity';
import { TenantService } from './tenants/tenant.service';

const handlers = [
  TenantService,
  MemberRegistrationService,
  MemberProfileService,
  MemberQueries,
  MemberPrivacyService,
  MemberImportService,
  MemberIdentityResolver,
  ProfessionCatalogueService,
];

/** The membership service: the professionals of each CPTS. */
@Module({})
export class MembershipModule {
  static register(runtime: ServiceRuntime, logLevel?: string): DynamicModule {
    return {
      module: MembershipModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'membership',
          schema: 'membership',
          runtime,
          entities: [TenantEntity, MemberEntity, MemberChangeEntity],
          migrations: [Initial1764000000000, TenantsAndMemberLifecycle1764100000000],
          handlers,
          logLevel,
        }),
      ],
      providers: handlers,
    };
  }
}
