import { INestApplication, Type, DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

export interface StartOptions {
  port: number;
  host?: string;
  /** lets the gateway add its own HTTP set-up (Swagger, pipes…) before listening */
  configure?: (app: INestApplication) => void | Promise<void>;
  /** off when a composition root (standalone) handles signals for several apps */
  shutdownHooks?: boolean;
}

/** Creates, configures and starts one Maillage app with JSON logs and graceful shutdown. */
export async function startApp(
  module: Type | DynamicModule,
  options: StartOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await options.configure?.(app);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  return app;
}
