import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@maillage/contracts';
import { outboxChannel } from './outbox';
import { MessageTransport } from './transport';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** safety net besides LISTEN/NOTIFY: a missed notification costs at most this */
  pollIntervalMs?: number;
  /** longest wait between two attempts at publishing one event */
  maxBackoffMs?: number;
}

/** A subscriber failed (standalone mode): retry that event, keep publishing others. */
export class SubscriberFailedError extends Error {}

/**
 * Publishes pending outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED —
 * never "id greater than the last seen", which skips rows committed out of
 * order — so replicas share the work and every committed row is published.
 * The event id is the JetStream message id: a row published twice (crash after
 * publish, before the commit) is dropped by the server's dedupe window and, past
 * it, by each consumer's inbox.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private wakeRequested = false;
  private stopped = true;
  private draining?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly transport: MessageTransport,
    private readonly databaseUrl: string,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 1_000);
    this.wake();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return; // a retry timer that fires after stop()
    const client = new Client({ connectionString: this.databaseUrl, application_name: `maillage-relay-${this.schema}` });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      // the poll keeps publishing; try to listen again later
      this.logger.warn({ schema: this.schema, error: String(error) }, 'outbox listener lost');
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 2_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.schema)}`);
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch (error) {
      this.logger.warn({ schema: this.schema, error: String(error) }, 'cannot listen for outbox notifications; polling');
      await client.end().catch(() => undefined);
      // the database may still be down (restarting): try again, or the relay
      // would poll once a second for the rest of its life
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 2_000).unref();
    }
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.running = true;
    this.draining = this.drainLoop().finally(() => {
      this.running = false;
    });
  }

  private async drainLoop(): Promise<void> {
    do {
      this.wakeRequested = false;
      try {
        while (!this.stopped && (await this.publishBatch()) > 0) {
          /* keep going while there is work */
        }
      } catch (error) {
        this.logger.warn({ schema: this.schema, error: String(error) }, 'outbox relay pass failed');
      }
    } while (this.wakeRequested && !this.stopped);
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    return this.dataSource.transaction(async (manager) => {
      const rows: { event_id: string; envelope: EventEnvelope; attempts: number }[] = await manager.query(
        `SELECT event_id, envelope, attempts FROM "${this.schema}".outbox
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY created_at, event_id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      const published: string[] = [];
      for (const row of rows) {
        try {
          await this.transport.publish(row.envelope);
          published.push(row.event_id);
        } catch (error) {
          const backoffMs = Math.min(this.options.maxBackoffMs ?? 30_000, 250 * 2 ** Math.min(row.attempts, 10));
          await manager.query(
            `UPDATE "${this.schema}".outbox
                SET attempts = attempts + 1, last_error = $2,
                    next_attempt_at = now() + ($3 || ' milliseconds')::interval
              WHERE event_id = $1`,
            [row.event_id, String(error).slice(0, 2_000), String(backoffMs)],
          );
          // a broker that is down fails every publish: stop here and keep order;
          // a failing subscriber in standalone mode concerns that event only
          if (!(error instanceof SubscriberFailedError)) break;
        }
      }
      if (published.length) {
        await manager.query(`UPDATE "${this.schema}".outbox SET published_at = now() WHERE event_id = ANY($1::uuid[])`, [published]);
      }
      return published.length;
    });
  }

  /** Counts events not yet published (for readiness and tests). */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${this.schema}".outbox WHERE published_at IS NULL`);
    return (row as { n: number }).n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
