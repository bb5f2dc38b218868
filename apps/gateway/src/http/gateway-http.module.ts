import { Global, Module } from '@nestjs/common';
import { MemberIdentityLookup } from '../auth/member-identity.lookup';
import { TenantDirectory } from '../tenants/tenant-directory';
import { ETagInterceptor } from './etag';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';

/**
 * What every gateway controller may use, whatever feature module declares it:
 * `@Idempotent()`, `@ETagged()` / `@RequireIfMatch()`, the identity lookup, the tenant directory.
 */
@Global()
@Module({
  providers: [
    IdempotencyStore,
    IdempotencyInterceptor,
    ETagInterceptor,
    MemberIdentityLookup,
    TenantDirectory,
  ],
  exports: [
    IdempotencyStore,
    IdempotencyInterceptor,
    ETagInterceptor,
    MemberIdentityLookup,
    TenantDirectory,
  ],
})
export class GatewayHttpModule {}
