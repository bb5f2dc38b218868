import { RunningService, waitFor } from '@maillage/testing';
import { HttpClient, nurse, openTenant } from '../fixtures';

/**
 * The path every service connection must carry, whoever it connects as:
 * open a CPTS, register a nurse (replayed with the same Idempotency-Key),
 * see her reach scheduling's staff pool through the outbox and the inbox.
 */
export async function registerMemberThroughThePlatform(
  http: HttpClient,
  membership: RunningService,
  tenantId: string,
): Promise<string> {
  await openTenant(http, tenantId);
  const token = await http.token({
    subject: 'coordinator',
    tenants: { [tenantId]: ['coordinator'] },
  });
  const register = () =>
    http.call('POST', `/v1/tenants/${tenantId}/members`, {
      token,
      body: nurse(),
      headers: { 'idempotency-key': 'first-registration' },
    });
  const created = await register();
  expect(created.status).toBe(201);
  expect((await register()).headers.get('idempotent-replayed')).toBe('true');
  await waitFor(
    async () =>
      (await http.call('GET', `/v1/tenants/${tenantId}/staff/${created.body.memberId}`, { token }))
        .status === 200,
    15_000,
    'the member in the staff pool of scheduling',
  );
  await membership.outboxDrained();
  return created.body.memberId;
}
