import { DynamicModule, INestApplication } from '@nestjs/common';
import type { RegisterTenantV1 } from '@maillage/contracts';
import type { ServiceRuntime } from '@maillage/platform';
import { RunningService, startService } from '@maillage/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { httpClient, HttpClient, openTenant } from './fixtures';

export interface FrontDoor {
  membership: RunningService;
  gateway: RunningService;
  http: HttpClient;
}

/**
 * What stands in front of the apps a test file starts: membership, which keeps
 * the CPTS (the gateway refuses a tenant it does not know), and the gateway,
 * listening with the platform's HTTP set-up. The CPTS named are opened.
 */
export async function startFrontDoor(options: {
  databaseUrl: string;
  prefix: string;
  tenants?: [tenantId: string, overrides?: Partial<RegisterTenantV1>][];
  gateway?: (runtime: ServiceRuntime) => DynamicModule;
  configure?: (app: INestApplication) => void;
}): Promise<FrontDoor> {
  const { databaseUrl, prefix } = options;
  const membership = await startService({
    databaseUrl,
    prefix,
    module: (r) => MembershipModule.register(r, 'warn'),
  });
  const gateway = await startService({
    databaseUrl,
    prefix,
    listen: true,
    module:
      options.gateway ?? ((r) => GatewayModule.register(r, { devIssuerEnabled: true }, 'warn')),
    configure: options.configure ?? ((app) => configureGatewayHttp(app)),
  });
  const http = httpClient(await gateway.app.getUrl());
  for (const [tenantId, overrides] of options.tenants ?? [])
    await openTenant(http, tenantId, overrides);
  return { membership, gateway, http };
}
