import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { Initial1764000000000 } from './migrations/1764000000000-initial';

const handlers: [] = [];

/** The partners service: agreements, staff lent, single contact point, overlap radar. */
@Module({})
export class PartnersModule {
  static register(runtime: ServiceRuntime, logLevel?: string): DynamicModule {
    return {
      module: PartnersModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'partners',
          schema: 'partners',
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
