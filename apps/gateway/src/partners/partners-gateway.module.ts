import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { PartnersController } from './partners.controller';
import { RadarController } from './radar.controller';
import { ReferralsController } from './referrals.controller';

/** The partners service's HTTP routes (MessageBus comes from the global platform module). */
@Module({
  controllers: [PartnersController, AgreementsController, ReferralsController, RadarController],
})
export class PartnersGatewayModule {}
