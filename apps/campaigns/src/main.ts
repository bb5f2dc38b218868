import 'reflect-metadata';
import { runDistributedService } from '@maillage/platform';
import { CampaignsModule } from './campaigns.module';

void runDistributedService({
  service: 'campaigns',
  defaultPort: 3003,
  module: (runtime, config) => CampaignsModule.register(runtime, config.LOG_LEVEL),
});
