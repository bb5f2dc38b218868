import { Module } from '@nestjs/common';
import { StaffingRequestsController } from './staffing-requests.controller';

/** HTTP routes of scheduling's staffing desk: the requests of campaign sessions, staffed at once by the engine. */
@Module({ controllers: [StaffingRequestsController] })
export class StaffingGatewayModule {}
