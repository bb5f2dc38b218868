import { Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RequestContextV1, ROLES, Role } from '@maillage/contracts';
import { AuthenticatedRequest, Ctx } from './auth.guard';
import { TenantController } from '../http/tenant-controller';

export class CallerIdentityV1 {
  @ApiProperty() tenantId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiPropertyOptional({ format: 'uuid' }) memberId?: string;
  @ApiPropertyOptional() partnerId?: string;
  @ApiPropertyOptional({
    example: 'RPPS',
    description: 'the kind of national identifier of a Pro Santé Connect sign-in',
  })
  nationalIdKind?: string;
}

/** Who the caller is in a tenant: what a frontend shows after sign-in, and what it may offer. */
@TenantController('identity', 'me')
export class IdentityController {
  @Get()
  @ApiOperation({ summary: 'The caller in this CPTS: roles and member record' })
  @ApiOkResponse({ type: CallerIdentityV1 })
  me(
    @Param('tenantId') tenantId: string,
    @Ctx() context: RequestContextV1,
    @Req() request: AuthenticatedRequest,
  ): CallerIdentityV1 {
    return {
      tenantId,
      subject: context.actor.subject,
      issuer: request.principal!.issuer,
      roles: context.actor.roles,
      memberId: context.actor.memberId,
      partnerId: context.actor.partnerId,
      nationalIdKind: request.principal!.nationalId?.kind,
    };
  }
}
