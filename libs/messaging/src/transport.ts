import { EventEnvelope, Reply, RequestMessage } from '@maillage/contracts';

/** What a consumer decided about one delivery. */
export type DeliveryOutcome =
  | { kind: 'ack' }
  | { kind: 'retry'; error: string }
  | { kind: 'dead'; reason: string }
  /**
   * the consumer cannot apply anything now (its database does not answer): not
   * the event's fault, so it is never dead-lettered; the transport retries it
   * once `available()` says so, without spending deliveries meanwhile
   */
  | { kind: 'unavailable'; error: string };

export interface EventSubscription {
  /** durable consumer name, unique per service and subscription */
  consumer: string;
  /** event subject, e.g. `membership.member.registered.v1` */
  subject: string;
  maxDeliver: number;
  /** `raw` is the wire text: a consumer must survive anything in it */
  deliver(raw: string, attempt: number): Promise<DeliveryOutcome>;
  /** where a dead delivery is recorded besides the transport's own dead-letter queue */
  onDead(raw: string, reason: string): Promise<void>;
  /** whether deliveries can succeed again after an `unavailable` outcome (default: yes) */
  available?(): Promise<boolean>;
}

export type RequestHandlerFn = (message: RequestMessage) => Promise<Reply>;

/**
 * What the backbone needs from a broker. Two implementations: JetStream (the
 * distributed mode) and in-process (standalone), behind the same outbox, inbox
 * and dead-letter semantics.
 */
export interface MessageTransport {
  readonly name: string;
  connect(): Promise<void>;
  /** Resolves once the event is durably stored (JetStream ack), rejects otherwise. */
  publish(envelope: EventEnvelope): Promise<void>;
  subscribe(subscription: EventSubscription): Promise<void>;
  /** Serves a request subject; replicas of a service share the load. */
  serve(subject: string, queue: string, handler: RequestHandlerFn): Promise<void>;
  request(subject: string, message: RequestMessage, timeoutMs: number): Promise<Reply>;
  isHealthy(): boolean;
  close(): Promise<void>;
}

/** The request timed out or no service answers: the gateway says 503/504. */
export class TransportUnavailableError extends Error {
  constructor(message: string, readonly timedOut: boolean) {
    super(message);
  }
}
