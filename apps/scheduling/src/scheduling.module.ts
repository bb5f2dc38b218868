import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { StaffMemberLifecycle1764100000000 } from './migrations/1764100000000-staff-member-lifecycle';
import { StaffMemberEntity } from './staff/staff-member.entity';
import { StaffLoanEntity } from './staff/staff-loan.entity';
import { StaffLoansProjection } from './staff/staff-loans.projection';
import { StaffLoans1764900000000 } from './migrations/1764900000000-staff-loans';
import { StaffProjection } from './staff/staff-projection';
import { StaffQueries } from './staff/staff-queries';
import { StaffingRequests1764500000000 } from './migrations/1764500000000-staffing-requests';
import { ROTA_HANDLERS, ROTA_MIGRATIONS, ROTA_PROVIDERS } from './rota/rota-feature';
import { StaffingDesk } from './staffing/staffing-desk';
import { StaffingRequestEntity } from './staffing/staffing-request.entity';

const handlers = [StaffProjection, StaffLoansProjection, StaffQueries, StaffingDesk, ...ROTA_HANDLERS];

/** The scheduling service: staff pool, rotas and the engine around them. */
@Module({})
export class SchedulingModule {
  static register(runtime: ServiceRuntime, logLevel?: string): DynamicModule {
    return {
      module: SchedulingModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'scheduling',
          schema: 'scheduling',
          runtime,
          entities: [StaffMemberEntity, StaffLoanEntity, StaffingRequestEntity],
          migrations: [Initial1764000000000, StaffMemberLifecycle1764100000000, StaffingRequests1764500000000, StaffLoans1764900000000, ...ROTA_MIGRATIONS],
          handlers,
          logLevel,
        }),
      ],
      providers: [...handlers, ...ROTA_PROVIDERS],
    };
  }
}
