import 'reflect-metadata';
import { runDistributedService } from '@maillage/platform';
import { MembershipModule } from './membership.module';

void runDistributedService({
  service: 'membership',
  defaultPort: 3001,
  module: (runtime, config) => MembershipModule.register(runtime, config.LOG_LEVEL),
});
