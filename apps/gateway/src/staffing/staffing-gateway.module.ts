import { Module } from '@nestjs/common';
import { StaffingRequestsController } from './staffing-requests.controller';

/** HTTP routes of scheduling's provisional staffing desk. */
@Module({ controllers: [StaffingRequestsController] })
export class StaffingGatewayModule {}
