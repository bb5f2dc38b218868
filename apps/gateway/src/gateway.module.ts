import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { AuthGuard } from './auth/auth.guard';
import { CampaignsGatewayModule } from './campaigns/campaigns-gateway.module';
import { StaffingGatewayModule } from './staffing/staffing-gateway.module';
import { DevIssuer } from './auth/dev-issuer';
import { DEV_ISSUER_TOKEN, DevIssuerController } from './auth/dev-issuer.controller';
import { IdentityController } from './auth/identity.controller';
import { OidcOptions, TokenVerifier } from './auth/token-verifier';
import { GatewayHttpModule } from './http/gateway-http.module';
import { ProblemFilter } from './http/problem.filter';
import { DEFAULT_RATE_LIMIT, RateLimitGuard, RateLimitOptions, throttlerOptions } from './http/rate-limit';
import { createValidationPipe } from './http/validation.pipe';
import { MembersHttpModule } from './members/members-http.module';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { IdempotencyKeys1764300000000 } from './migrations/1764300000000-idempotency-keys';
import { PartnersGatewayModule } from './partners/partners-gateway.module';
import { SchedulingGatewayModule } from './scheduling/scheduling-gateway.module';
import { StaffController } from './staff/staff.controller';
import { TenantsHttpModule } from './tenants/tenants-http.module';

export interface GatewayAuthOptions extends OidcOptions {
  /** mint and trust dev tokens (standalone mode, tests) */
  devIssuerEnabled: boolean;
  /** requests per client (token subject, else IP) and window */
  rateLimit?: RateLimitOptions;
}

/** The one HTTP door: auth, tenant scoping, validation, OpenAPI; services behind NATS. */
@Module({})
export class GatewayModule {
  static register(runtime: ServiceRuntime, options: GatewayAuthOptions, logLevel?: string): DynamicModule {
    const { devIssuerEnabled, rateLimit, ...oidc } = options;
    return {
      module: GatewayModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'gateway',
          schema: 'gateway',
          runtime,
          entities: [],
          migrations: [Initial1764000000000, IdempotencyKeys1764300000000],
          handlers: [],
          logLevel,
        }),
        PartnersGatewayModule,
        SchedulingGatewayModule,
        ThrottlerModule.forRoot(throttlerOptions(rateLimit ?? DEFAULT_RATE_LIMIT)),
        GatewayHttpModule,
        CampaignsGatewayModule,
        StaffingGatewayModule,
        MembersHttpModule,
        TenantsHttpModule,
      ],
      controllers: [StaffController, IdentityController, DevIssuerController],
      providers: [
        { provide: DEV_ISSUER_TOKEN, useFactory: () => (devIssuerEnabled ? DevIssuer.create() : null) },
        {
          provide: TokenVerifier,
          inject: [DEV_ISSUER_TOKEN],
          useFactory: (devIssuer: DevIssuer | null) => new TokenVerifier({ oidc, devIssuer: devIssuer ?? undefined }),
        },
        // in this order: the rate limit counts per verified subject
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
