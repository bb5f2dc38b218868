import { Client } from 'pg';
import { ServiceRuntime } from '@maillage/platform';
import {
  createTestDatabase,
  createTestPrefix,
  RunningService,
  startService,
} from '@maillage/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../../apps/gateway/src/http/configure-http';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { SchedulingModule } from '../../apps/scheduling/src/scheduling.module';
import { httpClient, HttpClient } from '../fixtures';

/**
 * A fresh database owned by `owner`, a login that is no superuser, as on a
 * managed PostgreSQL; `logins` are further login roles (roles are
 * cluster-wide: another run may have made them already).
 */
export async function databaseOwnedBy(
  owner: string,
  logins: string[] = [],
): Promise<{ admin: Client; urlAs: (user: string) => string }> {
  const databaseUrl = await createTestDatabase();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin
    .query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER CREATEROLE NOBYPASSRLS`)
    .catch(() => undefined);
  for (const login of logins)
    await admin
      .query(`CREATE ROLE ${login} LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS`)
      .catch(() => undefined);
  await admin.query(`ALTER DATABASE ${new URL(databaseUrl).pathname.slice(1)} OWNER TO ${owner}`);
  const urlAs = (user: string): string => {
    const url = new URL(databaseUrl);
    url.username = user;
    return url.toString();
  };
  return { admin, urlAs };
}

/**
 * Membership, scheduling and the gateway connecting with `databaseUrl`, each
 * runtime adjusted by `runtime` (the roles under test): enough for the
 * registration flow of member-flow.ts. Membership is the first service.
 */
export async function startMembershipSchedulingGateway(
  databaseUrl: string,
  runtime: (r: ServiceRuntime) => ServiceRuntime,
): Promise<{ services: RunningService[]; http: HttpClient }> {
  const prefix = createTestPrefix();
  const services: RunningService[] = [];
  for (const module of [
    (r: ServiceRuntime) => MembershipModule.register(runtime(r), 'warn'),
    (r: ServiceRuntime) => SchedulingModule.register(runtime(r), 'warn'),
  ])
    services.push(await startService({ databaseUrl, prefix, module }));
  const gateway = await startService({
    databaseUrl,
    prefix,
    listen: true,
    module: (r) => GatewayModule.register(runtime(r), { devIssuerEnabled: true }, 'warn'),
    configure: (app) => configureGatewayHttp(app),
  });
  services.push(gateway);
  return { services, http: httpClient(await gateway.app.getUrl()) };
}
