import 'reflect-metadata';
import { runDistributedService } from '@maillage/platform';
import { SchedulingModule } from './scheduling.module';

void runDistributedService({
  service: 'scheduling',
  defaultPort: 3002,
  module: (runtime, config) => SchedulingModule.register(runtime, config.LOG_LEVEL),
});
