import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventContract, EventEnvelope, MessageContext, validatePlain } from '@maillage/contracts';

export const outboxChannel = (schema: string): string => `maillage_outbox_${schema}`;

/** Builds a complete envelope, refusing a payload that breaks its own contract. */
export function createEnvelope<P extends object>(contract: EventContract<P>, payload: P, context: MessageContext): EventEnvelope<P> {
  const checked = validatePlain(contract.payload, JSON.parse(JSON.stringify(payload)));
  if (!checked.ok) {
    throw new Error(`refusing to emit an invalid ${contract.subject}: ${checked.errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`);
  }
  return {
    eventId: randomUUID(),
    type: contract.subject,
    version: contract.version,
    tenantId: context.tenantId,
    occurredAt: new Date().toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    payload: JSON.parse(JSON.stringify(payload)) as P,
  };
}

/**
 * Writes events in the caller's transaction: they exist if and only if the state
 * change commits. The NOTIFY is delivered at commit and wakes the relay at once.
 */
export class Outbox {
  constructor(private readonly schema: string) {}

  async emit<P extends object>(
    manager: EntityManager,
    contract: EventContract<P>,
    payload: P,
    context: MessageContext,
  ): Promise<EventEnvelope<P>> {
    const envelope = createEnvelope(contract, payload, context);
    await this.append(manager, envelope);
    return envelope;
  }

  async append(manager: EntityManager, envelope: EventEnvelope): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (event_id, subject, tenant_id, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.eventId, envelope.type, envelope.tenantId, JSON.stringify(envelope)],
    );
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
  }
}
