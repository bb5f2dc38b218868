import { createConnection, createServer, Server, Socket } from 'node:net';

type Mode = { kind: 'forward' } | { kind: 'delay'; ms: number } | { kind: 'blackhole' };

interface Link {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy between services and a server (NATS, PostgreSQL) that a fault
 * test drives: forward, delay every chunk (each direction, order kept),
 * blackhole (connections accepted, bytes read and dropped, nothing answered —
 * what a silent network partition looks like to both ends), reset every
 * connection at once.
 */
export class TcpFaultProxy {
  private mode: Mode = { kind: 'forward' };
  private readonly links = new Set<Link>();
  /** bytes dropped while blackholed, for the test to check the fault happened */
  droppedBytes = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host?: string; port: number }, listenPort = 0): Promise<TcpFaultProxy> {
    const ready: { proxy?: TcpFaultProxy } = {};
    const server = createServer((client) => ready.proxy!.accept(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listenPort, '127.0.0.1', () => resolve());
    });
    ready.proxy = new TcpFaultProxy(server, (server.address() as { port: number }).port);
    return ready.proxy;
  }

  /** `nats://127.0.0.1:<port>` */
  get natsUrl(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.links.size;
  }

  private accept(client: Socket, target: { host?: string; port: number }): void {
    client.setNoDelay(true);
    const upstream = createConnection({ host: target.host ?? '127.0.0.1', port: target.port });
    upstream.setNoDelay(true);
    const link = { client, upstream };
    this.links.add(link);
    const close = () => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.pipe(client, upstream);
    this.pipe(upstream, client);
  }

  private pipe(from: Socket, to: Socket): void {
    // delayed chunks leave in arrival order: each waits for the previous one
    let previous = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === 'blackhole') {
        this.droppedBytes += chunk.length;
        return;
      }
      if (mode.kind === 'forward') {
        previous = previous.then(() => {
          if (!to.destroyed) to.write(chunk);
        });
        return;
      }
      const due = Date.now() + mode.ms;
      previous = previous.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (!to.destroyed) to.write(chunk);
      });
    });
  }

  forward(): void {
    this.mode = { kind: 'forward' };
  }

  /** every chunk waits `ms` in each direction: a round trip costs 2 × ms more */
  delay(ms: number): void {
    this.mode = { kind: 'delay', ms };
  }

  blackhole(): void {
    this.mode = { kind: 'blackhole' };
  }

  /** Resets every open connection (RST to both ends); new ones are accepted. */
  resetAll(): void {
    for (const { client, upstream } of this.links) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.links.clear();
  }

  async stop(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
