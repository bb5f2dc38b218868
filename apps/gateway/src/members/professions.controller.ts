import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ListProfessions, ProfessionCatalogueV1, RequestContextV1 } from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';

@ApiTags('members')
@ApiBearerAuth()
@ApiParam({ name: 'tenantId', description: 'the CPTS', example: 'cpts-sud-valence' })
@Controller('v1/tenants/:tenantId/professions')
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
