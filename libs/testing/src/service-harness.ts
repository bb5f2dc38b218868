import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { JetStreamTransport, MessageTransport } from '@maillage/messaging';
import { MessagingLifecycle, ServiceRuntime } from '@maillage/platform';
import { natsUrl } from './test-environment';

export interface RunningService {
  app: INestApplication;
  transport: MessageTransport;
  stop(): Promise<void>;
  /** resolves when this service's outbox has nothing left to publish */
  outboxDrained(timeoutMs?: number): Promise<void>;
}

export interface ServiceUnderTest {
  databaseUrl: string;
  /** stream/subject prefix of the test file */
  prefix: string;
  /** a JetStream transport by default (distributed mode) */
  transport?: MessageTransport;
  maxDeliver?: number;
  module: (runtime: ServiceRuntime) => DynamicModule;
  /** HTTP set-up (gateway) before init */
  configure?: (app: INestApplication) => void;
  /** listen on a port (0 = any free one) */
  listen?: boolean;
}

/** Starts one Maillage app in the test process, as its own Nest application. */
export async function startService(options: ServiceUnderTest): Promise<RunningService> {
  const transport =
    options.transport ??
    new JetStreamTransport({ url: natsUrl(), prefix: options.prefix, name: 'test', backoffMs: [100, 200, 400, 800] });
  const app = await NestFactory.create(
    options.module({ databaseUrl: options.databaseUrl, transport, poolSize: 4, maxDeliver: options.maxDeliver ?? 4 }),
    // a failing start rejects (a test may expect it) instead of exiting the test process
    { bufferLogs: true, logger: false, abortOnError: false },
  ).catch(async (error: unknown) => {
    // the transport this harness made would keep the test process alive
    if (!options.transport) await transport.close().catch(() => undefined);
    throw error;
  });
  app.useLogger(app.get(Logger));
  options.configure?.(app);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return {
    app,
    transport,
    stop: () => app.close(),
    outboxDrained: async (timeoutMs = 15_000) => {
      const relay = app.get(MessagingLifecycle).outboxRelay();
      if (!relay) throw new Error('no relay');
      await waitFor(async () => (await relay.pendingCount()) === 0, timeoutMs, 'outbox to drain');
    },
  };
}

/** Polls `check` until it holds; the failure names what was awaited. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
