import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  createEventSubscription,
  eventHandlersOf,
  MessageTransport,
  Outbox,
  OutboxRelay,
  requestHandlersOf,
  serveRequest,
  EventHandlerFn,
  RequestHandlerMethod,
} from '@maillage/messaging';
import {
  SERVICE_DATA_SOURCE,
  SERVICE_IDENTITY,
  SERVICE_RUNTIME,
  SERVICE_TRANSPORT,
  ServiceIdentity,
  ServiceRuntime,
} from './service-runtime';

export const SERVICE_HANDLERS = Symbol('SERVICE_HANDLERS');

/**
 * Connects a service to the backbone once the module is built: subscribes its
 * @OnEvent handlers (one durable consumer each), serves its @OnRequest
 * handlers, and starts the outbox relay; stops them in order at shutdown.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);
  private relay?: OutboxRelay;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(SERVICE_HANDLERS) private readonly handlerClasses: Type[],
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_TRANSPORT) private readonly transport: MessageTransport,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { service, schema } = this.identity;
    const outbox = new Outbox(schema);
    for (const cls of this.handlerClasses) {
      const instance = this.moduleRef.get(cls, { strict: false }) as Record<string, unknown>;
      for (const binding of eventHandlersOf(cls)) {
        const consumer = `${service}_${cls.name}_${binding.method}`.replace(/[^A-Za-z0-9_-]/g, '_');
        const method = instance[binding.method] as EventHandlerFn;
        await this.transport.subscribe(
          createEventSubscription({
            service,
            schema,
            consumer,
            contract: binding.contract,
            dataSource: this.dataSource,
            outbox,
            handler: method.bind(instance),
            maxDeliver: this.runtime.maxDeliver ?? 5,
          }),
        );
        this.logger.log({ consumer, subject: binding.contract.subject }, 'subscribed');
      }
      for (const binding of requestHandlersOf(cls)) {
        const method = instance[binding.method] as RequestHandlerMethod;
        await this.transport.serve(
          binding.contract.subject,
          service,
          serveRequest(service, binding.contract, method.bind(instance)),
        );
      }
    }
    this.relay = new OutboxRelay(this.dataSource, schema, this.transport, this.runtime.databaseUrl);
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.transport.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** The relay, for tests that wait for the outbox to drain. */
  outboxRelay(): OutboxRelay | undefined {
    return this.relay;
  }
}
