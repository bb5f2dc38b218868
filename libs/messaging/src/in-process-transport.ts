import { Logger } from '@nestjs/common';
import { EventEnvelope, Reply, RequestMessage } from '@maillage/contracts';
import { SubscriberFailedError } from './outbox-relay';
import { EventSubscription, MessageTransport, RequestHandlerFn, TransportUnavailableError } from './transport';

/**
 * The broker of standalone mode: the services of one process meet here. It is
 * not durable by itself — durability comes from the outbox: the relay marks an
 * event published only once every subscriber has applied it (each behind its
 * inbox) or dead-lettered it, so a crash means redelivery, never loss.
 */
export class InProcessHub {
  private readonly subscriptions = new Map<string, EventSubscription[]>();
  private readonly handlers = new Map<string, RequestHandlerFn[]>();
  private readonly attempts = new Map<string, number>();
  private roundRobin = 0;
  private openGate!: () => void;
  /** Publishing waits until every service of the process has subscribed. */
  readonly opened = new Promise<void>((resolve) => (this.openGate = resolve));

  open(): void {
    this.openGate();
  }

  addSubscription(subscription: EventSubscription): void {
    const list = this.subscriptions.get(subscription.subject) ?? [];
    if (!list.some((s) => s.consumer === subscription.consumer)) list.push(subscription);
    this.subscriptions.set(subscription.subject, list);
  }

  subscribersOf(subject: string): EventSubscription[] {
    return this.subscriptions.get(subject) ?? [];
  }

  addHandler(subject: string, handler: RequestHandlerFn): void {
    this.handlers.set(subject, [...(this.handlers.get(subject) ?? []), handler]);
  }

  handlerFor(subject: string): RequestHandlerFn | undefined {
    const list = this.handlers.get(subject);
    if (!list?.length) return undefined;
    return list[this.roundRobin++ % list.length];
  }

  nextAttempt(key: string): number {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    return attempt;
  }

  forgetAttempts(key: string): void {
    this.attempts.delete(key);
  }
}

export class InProcessTransport implements MessageTransport {
  readonly name = 'in-process';
  private readonly logger = new Logger(InProcessTransport.name);
  private closed = false;

  constructor(private readonly hub: InProcessHub) {}

  async connect(): Promise<void> {}

  async publish(envelope: EventEnvelope): Promise<void> {
    await this.hub.opened;
    const raw = JSON.stringify(envelope);
    const failures: string[] = [];
    for (const subscription of this.hub.subscribersOf(envelope.type)) {
      const key = `${subscription.consumer}:${envelope.eventId}`;
      const attempt = this.hub.nextAttempt(key);
      const outcome = await subscription.deliver(raw, attempt).catch(
        (error: unknown) => ({ kind: 'retry', error: String(error) }) as const,
      );
      if (outcome.kind === 'ack') {
        this.hub.forgetAttempts(key);
      } else if (outcome.kind === 'unavailable' || (outcome.kind === 'retry' && attempt < subscription.maxDeliver)) {
        // an unavailable consumer (database down) is retried by the relay, never dead-lettered
        failures.push(`${subscription.consumer}: ${outcome.error}`);
      } else {
        const reason = outcome.kind === 'dead' ? outcome.reason : `gave up after ${attempt} attempts: ${outcome.error}`;
        this.logger.error({ consumer: subscription.consumer, subject: envelope.type, reason }, 'event dead-lettered');
        await subscription.onDead(raw, reason);
        this.hub.forgetAttempts(key);
      }
    }
    // the relay keeps the event pending and retries it with back-off; the
    // subscribers that applied it already will find it in their inbox
    if (failures.length) throw new SubscriberFailedError(failures.join('; '));
  }

  async subscribe(subscription: EventSubscription): Promise<void> {
    this.hub.addSubscription(subscription);
  }

  async serve(subject: string, _queue: string, handler: RequestHandlerFn): Promise<void> {
    this.hub.addHandler(subject, handler);
  }

  async request(subject: string, message: RequestMessage, timeoutMs: number): Promise<Reply> {
    const handler = this.hub.handlerFor(subject);
    if (!handler) throw new TransportUnavailableError(`no service answers ${subject}`, false);
    // a JSON round trip, as on the wire: no object is shared between services
    const copy = JSON.parse(JSON.stringify(message)) as RequestMessage;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransportUnavailableError(`${subject} did not answer within ${timeoutMs} ms`, true)), timeoutMs);
    });
    try {
      const reply = await Promise.race([handler(copy), timeout]);
      return JSON.parse(JSON.stringify(reply)) as Reply;
    } finally {
      clearTimeout(timer);
    }
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
