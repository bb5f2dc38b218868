import 'reflect-metadata';
import { runDistributedService } from '@maillage/platform';
import { PartnersModule } from './partners.module';

void runDistributedService({
  service: 'partners',
  defaultPort: 3004,
  module: (runtime, config) => PartnersModule.register(runtime, config.LOG_LEVEL),
});
