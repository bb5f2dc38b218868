import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { IsBoolean, IsInt, IsOptional, IsUUID } from 'class-validator';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { defineEvent } from '@maillage/contracts';
import { EventContext, messagingTablesDown, messagingTablesUp, OnEvent } from '@maillage/messaging';
import { SERVICE_IDENTITY, ServiceIdentity, ServicePlatformModule, ServiceRuntime } from '@maillage/platform';

/**
 * A two-service ledger used only to prove the backbone: the producer records
 * entries and emits one event each; the consumer appends a row per applied
 * event with no unique key, so any double application shows as a duplicate row.
 */
export class EntryRecordedV1 {
  @IsUUID() entryId!: string;
  @IsInt() sequence!: number;
  @IsOptional() @IsBoolean() failTwice?: boolean;
}

export const EntryRecorded = defineEvent('test.ledger.entry-recorded.v1', EntryRecordedV1);

/** A migration class per schema (TypeORM reads the timestamp at the end of its name). */
function tablesMigration(schema: string, table: string): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    name = `Ledger${schema.replace(/_/g, '')}1764000000000`;
    async up(q: QueryRunner): Promise<void> {
      for (const sql of messagingTablesUp(schema)) await q.query(sql);
      await q.query(
        `CREATE TABLE "${schema}".${table} (entry_id uuid NOT NULL, sequence int NOT NULL, tenant_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
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

@Injectable()
export class LedgerProjection {
  constructor(@Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity) {}

  @OnEvent(EntryRecorded)
  async apply(event: EntryRecordedV1, context: EventContext): Promise<void> {
    const attempts = (handlerAttempts.get(event.entryId) ?? 0) + 1;
    handlerAttempts.set(event.entryId, attempts);
    await context.manager.query(`INSERT INTO "${this.identity.schema}".applied (entry_id, sequence, tenant_id) VALUES ($1, $2, $3)`, [
      event.entryId,
      event.sequence,
      context.tenantId,
    ]);
    // the insert above is rolled back with the transaction: a failed attempt leaves no trace
    if (event.failTwice && attempts <= 2) throw new Error(`induced failure ${attempts}`);
  }
}

@Module({})
export class LedgerProducerModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    return {
      module: LedgerProducerModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'ledger-producer', schema: 'ledger_producer', runtime, entities: [], migrations: [tablesMigration('ledger_producer', 'entries')], handlers: [], logLevel: 'error',
        }),
      ],
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
