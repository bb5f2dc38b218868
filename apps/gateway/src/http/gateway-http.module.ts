import { Global, Module } from '@nestjs/common';
import { MemberIdentityLookup } from '../auth/member-identity.lookup';
import { ETagInterceptor } from './etag';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';

/**
 * What every gateway controller may use, whatever feature module declares it:
 * `@Idempotent()`, `@ETagged()` / `@RequireIfMatch()`, the identity lookup.
 */
@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, ETagInterceptor, MemberIdentityLookup],
  exports: [IdempotencyStore, IdempotencyInterceptor, ETagInterceptor, MemberIdentityLookup],
})
export class GatewayHttpModule {}
