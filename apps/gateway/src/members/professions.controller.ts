import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ListProfessions, ProfessionCatalogueV1, RequestContextV1 } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { TenantController } from '../http/tenant-controller';

@TenantController('members', 'professions')
export class ProfessionsController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary:
      'Professions, doctor specialties and skills a registration may use (the codes the rules accept)',
  })
  @ApiOkResponse({ type: ProfessionCatalogueV1 })
  list(@Ctx() context: RequestContextV1): Promise<ProfessionCatalogueV1> {
    return this.bus.request(ListProfessions, {}, context);
  }
}
