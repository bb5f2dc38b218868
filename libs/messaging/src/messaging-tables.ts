/**
 * The tables every service keeps for the backbone, in its own schema:
 * - outbox: events written in the same transaction as the state change, then
 *   published by the relay (the row id is the event id and the JetStream msg id);
 * - inbox: event ids a consumer has applied, written in the transaction of the
 *   effect, so a redelivered event has its effect once;
 * - dead_letter: what could not be applied after its delivery limit (or could
 *   never be, being malformed), kept for an operator to inspect and replay.
 * Each service's first migration calls these, so the SQL is reviewed in one place.
 */
export function messagingTablesUp(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.outbox (
      event_id uuid PRIMARY KEY,
      subject text NOT NULL,
      tenant_id text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text
    )`,
    `CREATE INDEX outbox_pending_idx ON ${s}.outbox (next_attempt_at, created_at) WHERE published_at IS NULL`,
    `CREATE TABLE ${s}.inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      subject text NOT NULL,
      tenant_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
    `CREATE TABLE ${s}.dead_letter (
      id bigserial PRIMARY KEY,
      consumer text NOT NULL,
      subject text NOT NULL,
      event_id text,
      reason text NOT NULL,
      raw text NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now()
    )`,
  ];
}

export function messagingTablesDown(schema: string): string[] {
  const s = `"${schema}"`;
  return [`DROP TABLE ${s}.dead_letter`, `DROP TABLE ${s}.inbox`, `DROP TABLE ${s}.outbox`];
}
