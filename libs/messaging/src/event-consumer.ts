import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventContract, EventEnvelope, validatePlain } from '@maillage/contracts';
import { scopeToTenant } from '@maillage/database';
import { EventContext, PermanentEventError } from './event-context';
import { Outbox } from './outbox';
import { DeliveryOutcome, EventSubscription } from './transport';

export type EventHandlerFn = (payload: object, context: EventContext) => Promise<void>;

export interface EventConsumerOptions {
  service: string;
  schema: string;
  consumer: string;
  contract: EventContract;
  dataSource: DataSource;
  outbox: Outbox;
  handler: EventHandlerFn;
  maxDeliver: number;
}

/**
 * Turns a handler into a subscription that survives anything on the wire:
 * malformed text, an envelope or payload that breaks its contract → dead letter;
 * an event already in the inbox → acknowledged without effect; a handler error →
 * retried (never terminated, which would lose the event).
 */
export function createEventSubscription(options: EventConsumerOptions): EventSubscription {
  const logger = new Logger(`${options.service}:${options.consumer}`);
  const { schema, consumer, contract, dataSource } = options;

  const deliver = async (raw: string, attempt: number): Promise<DeliveryOutcome> => {
    let plain: unknown;
    try {
      plain = JSON.parse(raw);
    } catch {
      return { kind: 'dead', reason: 'not JSON' };
    }
    const envelope = validatePlain(EventEnvelope, plain);
    if (!envelope.ok) return { kind: 'dead', reason: `malformed envelope: ${describe(envelope.errors)}` };
    const event = envelope.value;
    if (event.type !== contract.subject) return { kind: 'dead', reason: `expected ${contract.subject}, got ${event.type}` };
    const payload = validatePlain(contract.payload, event.payload);
    if (!payload.ok) return { kind: 'dead', reason: `malformed payload: ${describe(payload.errors)}` };

    try {
      const applied = await dataSource.transaction(async (manager) => {
        // the event's tenant, as the application role: a handler touches that tenant's rows only
        await scopeToTenant(dataSource, manager, event.tenantId);
        const inserted: unknown[] = await manager.query(
          `INSERT INTO "${schema}".inbox (consumer, event_id, subject, tenant_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [consumer, event.eventId, event.type, event.tenantId],
        );
        if (inserted.length === 0) return false;
        const context: EventContext = {
          envelope: event,
          tenantId: event.tenantId,
          manager,
          emit: (next, body) =>
            options.outbox.emit(manager, next, body, {
              tenantId: event.tenantId,
              correlationId: event.correlationId,
              causationId: event.eventId,
            }),
        };
        await options.handler(payload.value, context);
        return true;
      });
      logger.debug({ eventId: event.eventId, correlationId: event.correlationId, attempt, applied }, applied ? 'event applied' : 'duplicate event ignored');
      return { kind: 'ack' };
    } catch (error) {
      if (error instanceof PermanentEventError) return { kind: 'dead', reason: error.message };
      const message = error instanceof Error ? error.message : String(error);
      // a database that does not answer fails every event alike: that must not
      // spend this event's deliveries and dead-letter it after a long outage
      if (!(await available())) return { kind: 'unavailable', error: message };
      return { kind: 'retry', error: message };
    }
  };

  const available = (): Promise<boolean> =>
    dataSource.isInitialized ? dataSource.query('SELECT 1').then(() => true, () => false) : Promise.resolve(false);

  const onDead = async (raw: string, reason: string): Promise<void> => {
    let eventId: string | null = null;
    try {
      eventId = String((JSON.parse(raw) as { eventId?: unknown }).eventId ?? '') || null;
    } catch {
      /* the raw text is kept as it came */
    }
    await dataSource
      .query(`INSERT INTO "${schema}".dead_letter (consumer, subject, event_id, reason, raw) VALUES ($1, $2, $3, $4, $5)`, [
        consumer,
        contract.subject,
        eventId,
        reason,
        raw.slice(0, 1_000_000),
      ])
      .catch((error: unknown) => logger.error({ error: String(error) }, 'could not record dead letter in database'));
  };

  return { consumer, subject: contract.subject, maxDeliver: options.maxDeliver, deliver, onDead, available };
}

const describe = (errors: { field: string; reason: string }[]): string =>
  errors.slice(0, 5).map((e) => `${e.field}: ${e.reason}`).join('; ');
