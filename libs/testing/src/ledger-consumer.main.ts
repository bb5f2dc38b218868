/**
 * A ledger consumer in a process of its own, for fault tests that kill it
 * (SIGKILL) at a chosen point of one delivery — see LedgerConsumerProcess.
 * Environment: LEDGER_DATABASE_URL, LEDGER_NATS_URL, LEDGER_PREFIX,
 * LEDGER_SCHEMA, LEDGER_CRASH_AT (before-commit | after-commit),
 * LEDGER_CRASH_SEQUENCE. Prints one JSON line per delivery of
 * LEDGER_WATCH_SEQUENCE and `{"ready":true}` once subscribed.
 */
import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { EventSubscription, JetStreamTransport } from '@maillage/messaging';
import { LedgerConsumerModule, ledgerHooks } from './ledger-service';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const say = (line: object): void => {
  // synchronous: the line must be out before a SIGKILL that follows it
  writeSync(1, `${JSON.stringify(line)}\n`);
};
const crashAt = process.env.LEDGER_CRASH_AT;
const crashSequence = Number(process.env.LEDGER_CRASH_SEQUENCE ?? -1);
const watchSequence = Number(process.env.LEDGER_WATCH_SEQUENCE ?? crashSequence);

const crash = (stage: string, sequence: number): never => {
  say({ crash: stage, sequence });
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

/** JetStream, with a look at each delivery's outcome before it is acked. */
class WatchedTransport extends JetStreamTransport {
  override subscribe(subscription: EventSubscription): Promise<void> {
    return super.subscribe({
      ...subscription,
      deliver: async (raw, attempt) => {
        const outcome = await subscription.deliver(raw, attempt);
        let sequence = -1;
        try {
          sequence = Number((JSON.parse(raw) as { payload?: { sequence?: unknown } }).payload?.sequence);
        } catch {
          /* not ours to judge */
        }
        if (sequence === watchSequence) say({ delivered: sequence, attempt, outcome: outcome.kind });
        // the effect and the inbox row are committed, the ack is not sent yet
        if (crashAt === 'after-commit' && sequence === crashSequence && outcome.kind === 'ack') crash('after-commit', sequence);
        return outcome;
      },
    });
  }
}

async function main(): Promise<void> {
  if (crashAt === 'before-commit') {
    ledgerHooks.beforeCommit = (event) => {
      // the effect is written in the open transaction: dying now must roll it back
      if (event.sequence === crashSequence) crash('before-commit', event.sequence);
    };
  }
  const transport = new WatchedTransport({
    url: env('LEDGER_NATS_URL'),
    prefix: env('LEDGER_PREFIX'),
    name: 'ledger-consumer-process',
    backoffMs: [200, 400, 800],
    ackWaitMs: 1_000,
  });
  const runtime = { databaseUrl: env('LEDGER_DATABASE_URL'), transport, poolSize: 4, maxDeliver: 10 };
  const app = await NestFactory.create(LedgerConsumerModule.register(runtime, process.env.LEDGER_SCHEMA ?? 'ledger_consumer'), { logger: false });
  await app.init();
  say({ ready: true });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  say({ error: String(error) });
  process.exit(1);
});
