import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  Consumer,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
  nanos,
  RetentionPolicy,
  StorageType,
  StringCodec,
} from 'nats';
import { JetStreamTransport } from './jetstream-transport';

/** One unit of work handed to a worker. */
export interface WorkItem<T> {
  id: string;
  data: T;
  /** 1 on the first delivery */
  attempt: number;
  /** extends the lease: a long job calls it on progress so it is not handed to another replica */
  working(): void;
}

/**
 * Resolves: the work is done (its result committed) and leaves the queue.
 * Throws: it is handed out again later (to this replica or another).
 * The signal aborts when the replica shuts down: stop early and throw.
 */
export type WorkHandler<T> = (item: WorkItem<T>, signal: AbortSignal) => Promise<void>;

/**
 * Jobs shared by the replicas of a service: each item goes to exactly one
 * worker at a time and stays queued until a worker finishes it.
 */
export interface WorkQueue<T> {
  /** `id` de-duplicates: enqueueing the same id twice in a short window queues it once */
  enqueue(id: string, data: T): Promise<void>;
  start(handler: WorkHandler<T>): Promise<void>;
  /** Stops taking work; aborts the item in progress, which goes back to the queue. */
  stop(): Promise<void>;
}

export interface JetStreamWorkQueueOptions {
  /** e.g. `scheduling-rota-jobs`: names the stream, the subject and the shared durable consumer */
  name: string;
  /** a worker that neither finishes nor calls working() within this loses the item (default 60 s) */
  ackWaitMs?: number;
  maxDeliver?: number;
}

const sc = StringCodec();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A JetStream stream with WorkQueue retention (a message is removed once
 * acked) and one durable pull consumer shared by every replica: each replica
 * pulls one item at a time, so replicas share the queue and an item runs once.
 * It rides on the service's JetStreamTransport connection.
 */
export class JetStreamWorkQueue<T> implements WorkQueue<T> {
  private readonly logger = new Logger(JetStreamWorkQueue.name);
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private prefix = '';
  private loop?: Promise<void>;
  private stopping = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly transport: JetStreamTransport,
    private readonly options: JetStreamWorkQueueOptions,
  ) {}

  get streamName(): string {
    return `${this.prefix.toUpperCase()}_WORK_${this.options.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  }

  get subject(): string {
    return `${this.prefix}.work.${this.options.name}`;
  }

  get consumerName(): string {
    return this.options.name.replace(/[^A-Za-z0-9_-]/g, '_');
  }

  private async ensure(): Promise<void> {
    if (this.jsm) return;
    const jsm = this.transport.manager();
    // the transport's subjects are `${prefix}.events.<type>`
    this.prefix = this.transport.eventSubject('_').replace(/\.events\._$/, '');
    const stream = {
      name: this.streamName,
      subjects: [this.subject],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(2 * 60 * 1000),
    };
    try {
      await jsm.streams.info(stream.name);
    } catch (error) {
      if (!(error instanceof Error && /not found/i.test(error.message))) throw error;
      await jsm.streams.add(stream).catch(async (e: unknown) => {
        // another replica created it meanwhile
        await jsm.streams.info(stream.name).catch(() => Promise.reject(e));
      });
    }
    const consumer = {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(this.options.ackWaitMs ?? 60_000),
      max_deliver: this.options.maxDeliver ?? 5,
    };
    try {
      await jsm.consumers.info(stream.name, consumer.durable_name);
    } catch (error) {
      if (!(error instanceof Error && /not found/i.test(error.message))) throw error;
      await jsm.consumers.add(stream.name, consumer).catch(async (e: unknown) => {
        await jsm.consumers.info(stream.name, consumer.durable_name).catch(() => Promise.reject(e));
      });
    }
    this.js = jsm.jetstream();
    this.jsm = jsm;
  }

  async enqueue(id: string, data: T): Promise<void> {
    await this.ensure();
    await this.js!.publish(this.subject, sc.encode(JSON.stringify({ id, data })), {
      msgID: id,
      timeout: 5_000,
    });
  }

  async start(handler: WorkHandler<T>): Promise<void> {
    await this.ensure();
    this.loop = this.pull(handler);
  }

  private async pull(handler: WorkHandler<T>): Promise<void> {
    let consumer: Consumer | undefined;
    while (!this.stopping) {
      try {
        consumer ??= await this.js!.consumers.get(this.streamName, this.consumerName);
        // one at a time: a replica never holds work another idle replica could do
        const m = await consumer.next({ expires: 1_000 });
        if (!m) continue;
        await this.handle(m, handler);
      } catch (error) {
        if (this.stopping) return;
        consumer = undefined;
        this.logger.warn(
          { queue: this.options.name, error: String(error) },
          'work queue pull interrupted, resuming',
        );
        await sleep(500);
      }
    }
  }

  private async handle(m: JsMsg, handler: WorkHandler<T>): Promise<void> {
    const { id, data } = JSON.parse(sc.decode(m.data)) as { id: string; data: T };
    try {
      await handler(
        { id, data, attempt: m.info.redeliveryCount, working: () => m.working() },
        this.abort.signal,
      );
      m.ack();
    } catch (error) {
      this.logger.warn(
        { queue: this.options.name, id, error: String(error) },
        'work item failed, back to the queue',
      );
      m.nak(this.stopping ? 0 : 1_000);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.loop;
  }
}

/** Standalone mode: the same contract in process (one replica, nothing survives a restart but the caller's own sweep). */
export class InProcessWorkQueue<T> implements WorkQueue<T> {
  private readonly logger = new Logger(InProcessWorkQueue.name);
  private readonly items: { id: string; data: T; attempt: number }[] = [];
  private readonly seen = new Map<string, number>();
  private handler?: WorkHandler<T>;
  private running?: Promise<void>;
  private stopping = false;
  private readonly abort = new AbortController();

  async enqueue(id: string, data: T): Promise<void> {
    const last = this.seen.get(id);
    if (last !== undefined && Date.now() - last < 2 * 60 * 1000) return;
    this.seen.set(id, Date.now());
    this.items.push({ id, data, attempt: 1 });
    this.kick();
  }

  async start(handler: WorkHandler<T>): Promise<void> {
    this.handler = handler;
    this.kick();
  }

  private kick(): void {
    if (this.running || !this.handler || this.stopping || this.items.length === 0) return;
    // cleared asynchronously, after the assignment: an empty drain must not leave `running` set
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopping && this.items.length > 0) {
      const item = this.items.shift()!;
      try {
        await this.handler!({ ...item, working: () => undefined }, this.abort.signal);
      } catch (error) {
        this.logger.warn({ id: item.id, error: String(error) }, 'work item failed');
        if (item.attempt < 5 && !this.stopping) {
          await sleep(1_000);
          this.items.push({ ...item, attempt: item.attempt + 1 });
        }
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.running;
  }
}
