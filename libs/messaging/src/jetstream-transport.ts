import { Logger } from '@nestjs/common';
import {
  AckPolicy, connect, ConsumerMessages, DeliverPolicy, headers, JetStreamClient, JetStreamManager, JSONCodec, JsMsg,
  NatsConnection, nanos, RetentionPolicy, StorageType, StringCodec, ErrorCode, NatsError,
} from 'nats';
import { EventEnvelope, Reply, RequestMessage } from '@maillage/contracts';
import { EventSubscription, MessageTransport, RequestHandlerFn, TransportUnavailableError } from './transport';

export interface JetStreamTransportOptions {
  url: string;
  /** prefix of streams and subjects: isolates platforms and test runs sharing a server */
  prefix: string;
  /** connection name shown by the server */
  name: string;
  /** redelivery delays; a failed delivery waits the next one, the last repeats */
  backoffMs?: number[];
  /** how long a delivery may stay unacknowledged before the server sends it again (a consumer died); default 30 s */
  ackWaitMs?: number;
  /** how long the events stream drops a re-published message id (default 2 min); tests shorten it */
  duplicateWindowMs?: number;
}

const DEFAULT_BACKOFF_MS = [1_000, 5_000, 15_000, 60_000];
const sc = StringCodec();
const jc = JSONCodec<RequestMessage | Reply>();

/**
 * Durable, at-least-once events on JetStream, request/reply on core NATS.
 * One stream for events, one for dead letters; one durable pull consumer per
 * service and subscription, explicit ack, nak with back-off on failure.
 */
export class JetStreamTransport implements MessageTransport {
  readonly name = 'jetstream';
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly logger = new Logger(JetStreamTransport.name);
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private closing = false;
  private connected = false;

  constructor(private readonly options: JetStreamTransportOptions) {}

  get eventsStream(): string {
    return `${this.options.prefix.toUpperCase()}_EVENTS`;
  }

  get deadLetterStream(): string {
    return `${this.options.prefix.toUpperCase()}_DLQ`;
  }

  eventSubject(type: string): string {
    return `${this.options.prefix}.events.${type}`;
  }

  async connect(): Promise<void> {
    this.nc = await connect({
      servers: this.options.url,
      name: this.options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
    });
    this.connected = true;
    void this.watchStatus(this.nc);
    this.js = this.nc.jetstream();
    this.jsm = await this.nc.jetstreamManager();
    await this.ensureStream(this.eventsStream, [`${this.options.prefix}.events.>`], 14);
    await this.ensureStream(this.deadLetterStream, [`${this.options.prefix}.dlq.>`], 90);
  }

  private async ensureStream(name: string, subjects: string[], maxAgeDays: number): Promise<void> {
    const config = {
      name,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(maxAgeDays * 24 * 3600 * 1000),
      duplicate_window: nanos(this.options.duplicateWindowMs ?? 2 * 60 * 1000),
    };
    try {
      await this.jsm!.streams.info(name);
      await this.jsm!.streams.update(name, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.jsm!.streams.add(config);
    }
  }

  async publish(envelope: EventEnvelope): Promise<void> {
    if (!this.js) throw new TransportUnavailableError('NATS is not connected', false);
    const h = headers();
    h.set('Maillage-Tenant', envelope.tenantId);
    h.set('Maillage-Correlation', envelope.correlationId);
    await this.js.publish(this.eventSubject(envelope.type), sc.encode(JSON.stringify(envelope)), {
      msgID: envelope.eventId,
      headers: h,
      timeout: 5_000,
    });
  }

  async subscribe(subscription: EventSubscription): Promise<void> {
    const backoff = (this.options.backoffMs ?? DEFAULT_BACKOFF_MS).slice(0, subscription.maxDeliver);
    const durable = subscription.consumer;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.eventSubject(subscription.subject),
      // one more than ours: we dead-letter on the last attempt ourselves, the
      // server limit only guards against a consumer that died mid-delivery
      max_deliver: subscription.maxDeliver + 1,
      // no server-side `backoff`: the server would take its first delay as the
      // ack wait (1 s, 100 ms in tests), redeliver every message still queued in
      // the client or being handled, and spend its attempts — a poison event was
      // dead-lettered twice after 5 handler runs. Failed deliveries are nak'ed
      // with the back-off delay below; the ack wait only catches a dead consumer.
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      // an empty list clears the back-off of a consumer created before (left out, an update keeps it)
      backoff: [],
      max_ack_pending: 1_000,
    };
    try {
      await this.jsm!.consumers.info(this.eventsStream, durable);
      await this.jsm!.consumers.update(this.eventsStream, durable, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.jsm!.consumers.add(this.eventsStream, config);
    }
    this.loops.push(this.consumeLoop(subscription, backoff));
  }

  /** Consumes until closed; restarts the pull after broker restarts or errors. */
  private async consumeLoop(subscription: EventSubscription, backoff: number[]): Promise<void> {
    while (!this.closing) {
      try {
        const consumer = await this.js!.consumers.get(this.eventsStream, subscription.consumer);
        const messages = await consumer.consume({ max_messages: 64, expires: 5_000 });
        this.running.push(messages);
        for await (const m of messages) {
          const raw = sc.decode(m.data);
          const attempt = m.info.redeliveryCount;
          let outcome = await subscription.deliver(raw, attempt);
          let paused = false;
          while (outcome.kind === 'unavailable' && !this.closing) {
            // Nothing can succeed until the consumer's database is back: every
            // delivery pulled meanwhile would fail and spend an attempt, and a
            // long outage would dead-letter healthy events (or exhaust the
            // server's limit: silently dropped). Stop pulling and hold this
            // delivery, kept alive, until the consumer can work again.
            if (!paused) this.logger.warn({ consumer: subscription.consumer, error: outcome.error }, 'consumer unavailable, pausing deliveries');
            paused = true;
            messages.stop();
            await this.untilAvailable(subscription, backoff, m);
            outcome = await subscription.deliver(raw, attempt);
          }
          if (outcome.kind === 'unavailable') return; // closing: the server delivers it again later
          if (outcome.kind === 'ack') {
            m.ack();
          } else if (outcome.kind === 'retry' && attempt < subscription.maxDeliver) {
            const delay = backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 1_000;
            this.logger.warn({ consumer: subscription.consumer, attempt, error: outcome.error }, 'event handling failed, will retry');
            m.nak(delay);
          } else {
            const reason = outcome.kind === 'dead' ? outcome.reason : `gave up after ${attempt} attempts: ${outcome.error}`;
            await this.deadLetter(subscription, raw, reason);
            m.term(reason.slice(0, 200));
          }
          // the pull was stopped while paused: pull again (the messages it held come again)
          if (paused) break;
        }
      } catch (error) {
        if (this.closing) return;
        this.logger.warn({ consumer: subscription.consumer, error: String(error) }, 'consumer interrupted, resuming');
        await sleep(1_000);
      }
    }
  }

  /** Waits until the consumer says it can work, telling the server the held delivery is still in hand. */
  private async untilAvailable(subscription: EventSubscription, backoff: number[], held: JsMsg): Promise<void> {
    const keepAlive = (this.options.ackWaitMs ?? 30_000) / 3;
    for (let wait = 0; !this.closing; wait++) {
      await sleep(Math.min(backoff[Math.min(wait, backoff.length - 1)] ?? 1_000, keepAlive));
      held.working();
      if (!subscription.available || (await subscription.available())) return;
    }
  }

  private async deadLetter(subscription: EventSubscription, raw: string, reason: string): Promise<void> {
    this.logger.error({ consumer: subscription.consumer, subject: subscription.subject, reason }, 'event dead-lettered');
    await subscription.onDead(raw, reason);
    const h = headers();
    h.set('Maillage-Consumer', subscription.consumer);
    h.set('Maillage-Reason', reason.replace(/[\r\n]+/g, ' ').slice(0, 1_000));
    await this.js!.publish(`${this.options.prefix}.dlq.${subscription.consumer}`, sc.encode(raw), { headers: h });
  }

  async serve(subject: string, queue: string, handler: RequestHandlerFn): Promise<void> {
    this.nc!.subscribe(`${this.options.prefix}.rpc.${subject}`, {
      queue,
      callback: (error, msg) => {
        if (error) return;
        void (async () => {
          let reply: Reply;
          try {
            reply = await handler(jc.decode(msg.data) as RequestMessage);
          } catch (e) {
            reply = { ok: false, problem: { status: 400, title: 'Malformed request', detail: String(e) } };
          }
          msg.respond(jc.encode(reply));
        })();
      },
    });
  }

  async request(subject: string, message: RequestMessage, timeoutMs: number): Promise<Reply> {
    if (!this.nc || this.nc.isClosed()) throw new TransportUnavailableError('NATS is not connected', false);
    try {
      const response = await this.nc.request(`${this.options.prefix}.rpc.${subject}`, jc.encode(message), { timeout: timeoutMs });
      return jc.decode(response.data) as Reply;
    } catch (error) {
      if (error instanceof NatsError && error.code === ErrorCode.NoResponders) {
        throw new TransportUnavailableError(`no service answers ${subject}`, false);
      }
      if (error instanceof NatsError && error.code === ErrorCode.Timeout) {
        throw new TransportUnavailableError(`${subject} did not answer within ${timeoutMs} ms`, true);
      }
      throw error;
    }
  }

  isHealthy(): boolean {
    return !!this.nc && !this.nc.isClosed() && this.connected;
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
  }

  /** For tests and operators: the JetStream manager of this connection. */
  manager(): JetStreamManager {
    return this.jsm!;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const messages of this.running) messages.stop();
    // let a delivery in progress finish (and ack) before the database goes away
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.loops), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
    clearTimeout(timer);
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && /not found/i.test(error.message);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
