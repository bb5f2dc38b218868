import { applyDecorators, Controller, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';

/**
 * A controller of one CPTS's resources: routes under `v1/tenants/:tenantId`,
 * a bearer token required (the AuthGuard checks the tenant and the roles),
 * documented under `tag` with the tenant parameter described once.
 */
export function TenantController(tag: string, path = ''): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiParam({ name: 'tenantId', description: 'the CPTS', example: 'cpts-sud-valence' }),
    Controller(path ? `v1/tenants/:tenantId/${path}` : 'v1/tenants/:tenantId'),
  );
}

/** Path ids are UUIDs: anything else is a 400 before a service is asked. */
export const uuid = new ParseUUIDPipe();
