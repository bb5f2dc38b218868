import { EntityManager } from 'typeorm';
import { EventContract, EventEnvelope, MessageContext, Actor } from '@maillage/contracts';

/** What a handler may do inside the transaction that applies an event. */
export interface EventContext {
  envelope: EventEnvelope;
  tenantId: string;
  /** the transaction in which the inbox row is written: write the effect with it */
  manager: EntityManager;
  /** adds a follow-up event to this service's outbox, caused by this one */
  emit<P extends object>(contract: EventContract<P>, payload: P): Promise<EventEnvelope<P>>;
}

export interface RequestContext extends MessageContext {
  actor: Actor;
}

/**
 * Refuses an event for good: it is dead-lettered at once instead of retried
 * (a forged or inconsistent event will not get better by waiting).
 */
export class PermanentEventError extends Error {}
