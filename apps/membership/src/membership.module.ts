import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { MemberEntity } from './members/member.entity';
import { MemberRegistrationService } from './members/member-registration.service';
import { MemberIdentityResolver } from './identity/member-identity.resolver';
import { Initial1764000000000 } from './migrations/1764000000000-initial';

const handlers = [MemberRegistrationService, MemberIdentityResolver];

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
          entities: [MemberEntity],
          migrations: [Initial1764000000000],
          handlers,
          logLevel,
        }),
      ],
      providers: handlers,
    };
  }
}
