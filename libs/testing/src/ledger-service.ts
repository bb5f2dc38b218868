import { Body, Controller, DynamicModule, HttpCode, Inject, Injectable, Module, Post } from '@nestjs/common';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { defineEvent } from '@maillage/contracts';
import { EventContext, messagingTablesDown, messagingTablesUp, OnEvent } from '@maillage/messaging';
import { SERVICE_IDENTITY, ServiceIdentity, ServicePlatformModule, ServiceRuntime, UnitOfWork } from '@maillage/platform';

/**
 * A two-service ledger used only to prove the backbone: the producer records
 * entries and emits one event each; the consumer appends a row per applied
 * event with no unique key, so any double application shows as a duplicate row.
 */
export class EntryRecordedV1 {
  @IsUUID() entryId!: string;
  @IsInt() sequence!: number;
  @IsOptional() @IsBoolean() failTwice?: boolean;
  /** the handler always throws: the event must be dead-lettered after its delivery limit */
  @IsOptional() @IsBoolean() poison?: boolean;
  /** events of one aggregate must be applied in their order (sequence) */
  @IsOptional() @IsString() @MaxLength(100) aggregateId?: string;
}

export const EntryRecorded = defineEvent('test.ledger.entry-recorded.v1', EntryRecordedV1);

/** A migration class per schema (TypeORM reads the timestamp at the end of its name). */
function tablesMigration(schema: string, table: string): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    name = `Ledger${schema.replace(/_/g, '')}1764000000000`;
    async up(q: QueryRunner): Promise<void> {
      for (const sql of messagingTablesUp(schema)) await q.query(sql);
      await q.query(
        `CREATE TABLE "${schema}".${table} (entry_id uuid NOT NULL, sequence int NOT NULL, tenant_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(),
           aggregate_id text, position bigserial NOT NULL)`,
      );
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}".${table}`);
      for (const sql of messagingTablesDown(schema)) await q.query(sql);
    }
  };
  Object.defineProperty(migration, 'name', { value: `Ledger${schema.replace(/_/g, '')}1764000000000` });
  return migration;
}

/** Failures the test asks for: entry id → attempts seen so far. */
export const handlerAttempts = new Map<string, number>();

/**
 * Test-controlled points in the consumer's handler. `beforeCommit` runs after
 * the effect is written, inside the transaction of the effect and the inbox
 * row: throwing, hanging or exiting there is a consumer dying before its commit.
 */
export const ledgerHooks: { beforeCommit?: (event: EntryRecordedV1, context: EventContext) => Promise<void> | void } = {};

@Injectable()
export class LedgerProjection {
  constructor(@Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity) {}

  @OnEvent(EntryRecorded)
  async apply(event: EntryRecordedV1, context: EventContext): Promise<void> {
    const attempts = (handlerAttempts.get(event.entryId) ?? 0) + 1;
    handlerAttempts.set(event.entryId, attempts);
    await context.manager.query(
      `INSERT INTO "${this.identity.schema}".applied (entry_id, sequence, tenant_id, aggregate_id) VALUES ($1, $2, $3, $4)`,
      [event.entryId, event.sequence, context.tenantId, event.aggregateId ?? null],
    );
    // the insert above is rolled back with the transaction: a failed attempt leaves no trace
    if (event.failTwice && attempts <= 2) throw new Error(`induced failure ${attempts}`);
    if (event.poison) throw new Error(`poison entry ${event.entryId} (attempt ${attempts})`);
    await ledgerHooks.beforeCommit?.(event, context);
  }
}

/**
 * The producer's HTTP door: a 201 means the entry row and its outbox row are
 * both committed (one transaction), anything else promises nothing.
 */
@Controller('entries')
export class LedgerEntriesController {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @Post()
  @HttpCode(201)
  async record(@Body() body: { entryId: string; sequence: number; aggregateId?: string; tenantId?: string }): Promise<{ entryId: string }> {
    const tenantId = body.tenantId ?? 'cpts-ledger';
    await this.unitOfWork.run({ tenantId, correlationId: `http-${body.entryId}` }, async (tx) => {
      await tx.manager.query(`INSERT INTO "ledger_producer".entries (entry_id, sequence, tenant_id, aggregate_id) VALUES ($1, $2, $3, $4)`, [
        body.entryId,
        body.sequence,
        tenantId,
        body.aggregateId ?? null,
      ]);
      await tx.emit(EntryRecorded, { entryId: body.entryId, sequence: body.sequence, ...(body.aggregateId ? { aggregateId: body.aggregateId } : {}) });
    });
    return { entryId: body.entryId };
  }
}

@Module({})
export class LedgerProducerModule {
  static register(runtime: ServiceRuntime, logLevel = 'error'): DynamicModule {
    return {
      module: LedgerProducerModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'ledger-producer', schema: 'ledger_producer', runtime, entities: [], migrations: [tablesMigration('ledger_producer', 'entries')], handlers: [], logLevel,
        }),
      ],
      controllers: [LedgerEntriesController],
    };
  }
}

@Module({})
export class LedgerConsumerModule {
  /** several consumers, each its own service and schema, may follow the producer */
  static register(runtime: ServiceRuntime, schema = 'ledger_consumer'): DynamicModule {
    return {
      module: LedgerConsumerModule,
      imports: [
        ServicePlatformModule.forService({
          service: schema.replace(/_/g, '-'), schema, runtime, entities: [], migrations: [tablesMigration(schema, 'applied')], handlers: [LedgerProjection], logLevel: 'fatal',
        }),
      ],
      providers: [LedgerProjection],
    };
  }
}
