import { connect } from 'nats';
import { databasesOfRun, dropDatabases, RUN_ID_VAR } from './test-environment';

/** Drops the run's databases and streams, then stops any container it started. */
export default async function globalTeardown(): Promise<void> {
  const id = process.env[RUN_ID_VAR];
  if (id) {
    await dropDatabases(await databasesOfRun(id)).catch((e: unknown) => console.warn(`could not drop test databases: ${String(e)}`));
    if (process.env.NATS_URL) {
      const nc = await connect({ servers: process.env.NATS_URL }).catch(() => undefined);
      if (nc) {
        const jsm = await nc.jetstreamManager();
        for await (const stream of jsm.streams.list()) {
          if (stream.config.name.startsWith(`T${id.toUpperCase()}`)) await jsm.streams.delete(stream.config.name);
        }
        await nc.close();
      }
    }
  }
  for (const container of globalThis.__MAILLAGE_CONTAINERS__ ?? []) await container.stop();
}
