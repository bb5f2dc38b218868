import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ServicePlatformModule, ServiceRuntime } from '@maillage/platform';
import { AuthGuard } from './auth/auth.guard';
import { DevIssuer } from './auth/dev-issuer';
import { DEV_ISSUER_TOKEN, DevIssuerController } from './auth/dev-issuer.controller';
import { TokenVerifier } from './auth/token-verifier';
import { ProblemFilter } from './http/problem.filter';
import { createValidationPipe } from './http/validation.pipe';
import { MembersHttpModule } from './members/members-http.module';
import { Initial1764000000000 } from './migrations/1764000000000-initial';
import { StaffController } from './staff/staff.controller';
import { TenantsHttpModule } from './tenants/tenants-http.module';

export interface GatewayAuthOptions {
  issuer?: string;
  audience?: string;
  jwksUrl?: string;
  /** mint and trust dev tokens (standalone mode, tests) */
  devIssuerEnabled: boolean;
}

/** The one HTTP door: auth, tenant scoping, validation, OpenAPI; services behind NATS. */
@Module({})
export class GatewayModule {
  static register(runtime: ServiceRuntime, auth: GatewayAuthOptions, logLevel?: string): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'gateway',
          schema: 'gateway',
          runtime,
          entities: [],
          migrations: [Initial1764000000000],
          handlers: [],
          logLevel,
        }),
        MembersHttpModule,
        TenantsHttpModule,
      ],
      controllers: [StaffController, DevIssuerController],
      providers: [
        { provide: DEV_ISSUER_TOKEN, useFactory: () => (auth.devIssuerEnabled ? DevIssuer.create() : null) },
        {
          provide: TokenVerifier,
          inject: [DEV_ISSUER_TOKEN],
          useFactory: (devIssuer: DevIssuer | null) => new TokenVerifier({ ...auth, devIssuer: devIssuer ?? undefined }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
