import 'reflect-metadata';
import { INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitOnConfigError, loadConfig } from '@maillage/config';
import { InProcessHub, InProcessTransport } from '@maillage/messaging';
import { startApp } from '@maillage/platform';
import { CampaignsModule } from '../apps/campaigns/src/campaigns.module';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { configureGatewayHttp } from '../apps/gateway/src/http/configure-http';
import { demoTokenHelp, loadDemoCpts } from '../apps/membership/src/demo/demo-loader';
import { MembershipModule } from '../apps/membership/src/membership.module';
import { PartnersModule } from '../apps/partners/src/partners.module';
import { SchedulingModule } from '../apps/scheduling/src/scheduling.module';
import { startEmbeddedDatabase } from './embedded-database';
import { StandaloneConfig } from './standalone.config';

/**
 * Standalone mode: the gateway and the four services in one process, on an
 * embedded PostgreSQL and the in-process hub. Same modules, same outbox and
 * inbox as the distributed mode; this file is a composition root, not an app.
 */
async function main(): Promise<void> {
  let config: StandaloneConfig;
  try {
    config = loadConfig(StandaloneConfig);
  } catch (error) {
    exitOnConfigError(error);
  }
  const log = new NestLogger('standalone');
  const database = config.DATABASE_URL
    ? { url: config.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedDatabase(config.MAILLAGE_DATA_DIR, config.EMBEDDED_POSTGRES_PORT, (line) => {
        if (config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace') log.debug(line);
      });

  const hub = new InProcessHub();
  const runtime = () => ({ databaseUrl: database.url, transport: new InProcessTransport(hub), poolSize: 5, sharedProcess: true });
  const services: INestApplicationContext[] = [];
  for (const module of [
    MembershipModule.register(runtime(), config.LOG_LEVEL),
    SchedulingModule.register(runtime(), config.LOG_LEVEL),
    CampaignsModule.register(runtime(), config.LOG_LEVEL),
    PartnersModule.register(runtime(), config.LOG_LEVEL),
  ]) {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    context.useLogger(context.get(Logger));
    await context.init();
    services.push(context);
  }
  const gateway = await startApp(
    GatewayModule.register(
      runtime(),
      { devIssuerEnabled: config.AUTH_DEV_ISSUER_ENABLED, rateLimit: { limit: config.RATE_LIMIT, windowMs: 60_000 } },
      config.LOG_LEVEL,
    ),
    { port: config.PORT, shutdownHooks: false, configure: (app) => configureGatewayHttp(app, { corsOrigins: config.CORS_ORIGINS?.split(',').filter(Boolean) }) },
  );
  hub.open();
  const where = `Maillage standalone is up: API docs at http://localhost:${config.PORT}/docs, data in ${config.DATABASE_URL ? 'DATABASE_URL' : config.MAILLAGE_DATA_DIR}`;
  log.log(where);
  process.stdout.write(`\n${where}\n\n`);
  if (config.MAILLAGE_DEMO && config.AUTH_DEV_ISSUER_ENABLED) {
    // a newcomer gets a populated CPTS to try; a CPTS already there is left alone (MAILLAGE_DEMO=false to skip)
    const baseUrl = `http://127.0.0.1:${config.PORT}`;
    try {
      const demo = await loadDemoCpts({ baseUrl, log: (line) => log.log(`demo: ${line}`) });
      if (demo.refused.length > 0) log.warn(`demo: ${demo.refused.length} members refused, first: ${JSON.stringify(demo.refused[0])}`);
      log.log(`demo CPTS ${demo.tenantId} ready`);
      // plain text, not a JSON log line: this is what a newcomer reads first
      process.stdout.write(`\n${demoTokenHelp(`http://localhost:${config.PORT}`, demo.tenantId)}\n\n`);
    } catch (error) {
      log.warn(`demo data not loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await gateway.close();
    for (const service of services.reverse()) await service.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Maillage standalone could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
