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
        audience: config.AUTH_AUDIENCE,
        jwksUrl: config.AUTH_JWKS_URL,
        devIssuerEnabled: config.AUTH_DEV_ISSUER_ENABLED,
      },
      config.LOG_LEVEL,
    ),
  configure: (app, config) => configureGatewayHttp(app, { corsOrigins: config.CORS_ORIGINS?.split(',').filter(Boolean) }),
});
