import { Module } from '@nestjs/common';
import { TenantsController } from './tenants.controller';

/** The HTTP routes of the CPTS (tenants), served by membership. */
@Module({ controllers: [TenantsController] })
export class TenantsHttpModule {}
