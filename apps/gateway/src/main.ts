import 'reflect-metadata';
import { runDistributedService } from '@maillage/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

void runDistributedService({
  service: 'gateway',
  defaultPort: 3000,
  config: GatewayConfig,
  module: (runtime, config) =>
    GatewayModule.register(
      { ...runtime, requestTimeoutMs: config.REQUEST_TIMEOUT_MS },
      {
        issuer: config.AUTH_ISSUER,
        discoveryUrl: config.AUTH_DISCOVERY_URL,
        audience: config.AUTH_AUDIENCE,
        jwksUrl: config.AUTH_JWKS_URL,
        jwksCooldownMs: config.AUTH_JWKS_COOLDOWN_MS,
        claimMapping: config.AUTH_CLAIM_MAPPING,
        nationalIdClaim: config.AUTH_NATIONAL_ID_CLAIM,
        sandbox: config.AUTH_SANDBOX_ISSUER,
        devIssuerEnabled: config.AUTH_DEV_ISSUER_ENABLED,
        rateLimit: { limit: config.RATE_LIMIT, windowMs: config.RATE_LIMIT_WINDOW_MS },
      },
      config.LOG_LEVEL,
    ),
  configure: (app, config) =>
    configureGatewayHttp(app, {
      corsOrigins: config.CORS_ORIGINS?.split(',').filter(Boolean),
      bodyLimit: config.BODY_LIMIT,
      trustProxy: config.TRUST_PROXY_HOPS,
    }),
});
