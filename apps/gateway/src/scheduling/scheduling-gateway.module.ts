import { Module } from '@nestjs/common';
import { CalendarsController } from './calendars.controller';
import { OpenShiftsController } from './open-shifts.controller';
import { RotaJobsController } from './rota-jobs.controller';
import { RotasController } from './rotas.controller';
import { SitesController } from './sites.controller';

/** The scheduling service's HTTP routes (MessageBus comes from the global platform module). */
@Module({
  controllers: [
    SitesController,
    RotaJobsController,
    RotasController,
    OpenShiftsController,
    CalendarsController,
  ],
})
export class SchedulingGatewayModule {}
