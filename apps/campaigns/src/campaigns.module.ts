import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { Initial1764000000000 } from './migrations/1764000000000-initial';

const handlers: [] = [];

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
          entities: [],
          migrations: [Initial1764000000000],
          handlers,
          logLevel,
        }),
      ],
      providers: handlers,
    };
  }
}
