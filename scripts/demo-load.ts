import { demoTokenHelp, loadDemoCpts } from '../apps/membership/src/demo/demo-loader';

/**
 * `npm run demo:load [-- <gateway URL>]`: loads the demo CPTS Sud-Valence into
 * a running Maillage (standalone by default, http://localhost:3000) through
 * its HTTP API, with dev-issuer tokens.
 */
async function main(): Promise<void> {
  const baseUrl = process.argv[2] ?? process.env.MAILLAGE_URL ?? 'http://localhost:3000';
  const result = await loadDemoCpts({ baseUrl, log: (line) => process.stdout.write(`${line}\n`) });
  for (const r of result.refused)
    process.stderr.write(`refused: ${r.member} (${r.status}) ${r.detail}\n`);
  process.stdout.write(`${demoTokenHelp(baseUrl, result.tenantId)}\n`);
  if (result.refused.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `demo:load failed: ${reason}${reason === 'fetch failed' ? ' (is Maillage running there? start it with npm start, or pass a gateway URL)' : ''}\n`,
  );
  process.exit(1);
});
