import { DynamicModule, Module, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { EntitySchema, MixedList } from 'typeorm';
import {
  createServiceDataSource,
  DEFAULT_APP_ROLE,
  prepareServiceSchema,
} from '@maillage/database';
import { HealthController } from './health.controller';
import { MessageBus } from './message-bus';
import { MessagingLifecycle, SERVICE_HANDLERS } from './messaging-lifecycle';
import {
  SERVICE_DATA_SOURCE,
  SERVICE_IDENTITY,
  SERVICE_RUNTIME,
  SERVICE_TRANSPORT,
  ServiceRuntime,
} from './service-runtime';
import { UnitOfWork } from './unit-of-work';

export interface ServicePlatformOptions {
  service: string;
  schema: string;
  runtime: ServiceRuntime;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** providers carrying @OnEvent / @OnRequest methods */
  handlers: Type[];
  logLevel?: string;
}

/**
 * Everything a Maillage service stands on: its DataSource (migrated at start
 * under an advisory lock), the backbone, health endpoints and JSON logs with
 * the correlation id. A service module imports this and adds its domain.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel ?? 'info',
            base: options.runtime.sharedProcess
              ? { mode: 'standalone' }
              : { service: options.service },
            genReqId: (req, res) => {
              const header = req.headers['x-correlation-id'];
              const id =
                typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header)
                  ? header
                  : randomUUID();
              res.setHeader('x-correlation-id', id);
              return id;
            },
            customAttributeKeys: { reqId: 'correlationId' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: options.runtime },
        {
          provide: SERVICE_IDENTITY,
          useValue: { service: options.service, schema: options.schema },
        },
        {
          provide: SERVICE_TRANSPORT,
          useFactory: async () => {
            await options.runtime.transport.connect();
            return options.runtime.transport;
          },
        },
        {
          provide: SERVICE_DATA_SOURCE,
          useFactory: async () => {
            const dataSource = createServiceDataSource({
              url: options.runtime.databaseUrl,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              poolSize: options.runtime.poolSize,
            });
            await dataSource.initialize();
            try {
              await prepareServiceSchema(dataSource, {
                schema: options.schema,
                entities: options.entities,
                migrations: options.migrations,
                appRole: options.runtime.appRole ?? DEFAULT_APP_ROLE,
                ownerUrl: options.runtime.migrationDatabaseUrl,
              });
            } catch (error) {
              // a refused start leaves no pool open behind it
              await dataSource.destroy().catch(() => undefined);
              throw error;
            }
            return dataSource;
          },
        },
        { provide: SERVICE_HANDLERS, useValue: options.handlers },
        UnitOfWork,
        MessageBus,
        MessagingLifecycle,
      ],
      exports: [
        SERVICE_RUNTIME,
        SERVICE_IDENTITY,
        SERVICE_TRANSPORT,
        SERVICE_DATA_SOURCE,
        UnitOfWork,
        MessageBus,
        MessagingLifecycle,
      ],
    };
  }
}
