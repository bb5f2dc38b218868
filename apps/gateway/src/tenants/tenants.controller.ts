import { Body, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import {
  GetTenant,
  RegisterTenant,
  RegisterTenantV1,
  RequestContextV1,
  TenantViewV1,
  UpdateTenant,
  UpdateTenantBodyV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, Roles } from '../auth/auth.guard';
import { ETagged, IfMatch } from '../http/etag';
import { Idempotent } from '../http/idempotency/idempotency.interceptor';
import { TenantController } from '../http/tenant-controller';
import { OpensTenant, TenantDirectory } from './tenant-directory';

/** The CPTS themselves: opened by a platform operator, kept by their coordinator. */
@TenantController('tenants')
export class TenantsController {
  constructor(
    private readonly bus: MessageBus,
    private readonly directory: TenantDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('operator')
  @OpensTenant()
  @ApiOperation({
    summary: 'Open a CPTS (operator)',
    description:
      'The id in the path is the CPTS slug. The territory is given as INSEE commune codes; each is stored with its département and EPCI. Emits membership.tenant.registered.v1.',
  })
  @ApiCreatedResponse({ type: TenantViewV1 })
  @ApiBadRequestResponse({
    description: 'unknown commune code or other invalid field, named in `errors`',
  })
  @ApiConflictResponse({ description: 'the CPTS already exists' })
  async register(
    @Body() body: RegisterTenantV1,
    @Ctx() context: RequestContextV1,
  ): Promise<TenantViewV1> {
    const tenant = await this.bus.request(RegisterTenant, body, context);
    this.directory.remember(tenant.tenantId);
    return tenant;
  }

  @Get()
  @ETagged()
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'The CPTS: name, territory, ACI agreement, contact' })
  @ApiOkResponse({ type: TenantViewV1 })
  @ApiNotFoundResponse({ description: 'no such CPTS' })
  get(@Ctx() context: RequestContextV1): Promise<TenantViewV1> {
    return this.bus.request(GetTenant, {}, context);
  }

  @Patch()
  @ETagged()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Change the CPTS',
    description:
      'Only the fields given change (a new territory replaces the old one). Emits membership.tenant.updated.v1.',
  })
  @ApiOkResponse({ type: TenantViewV1 })
  update(
    @Body() body: UpdateTenantBodyV1,
    @IfMatch() expectedVersion: string | undefined,
    @Ctx() context: RequestContextV1,
  ): Promise<TenantViewV1> {
    return this.bus.request(
      UpdateTenant,
      { ...body, ...(expectedVersion ? { expectedVersion } : {}) },
      context,
    );
  }
}
