import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTenantTransaction, readAcrossTenants } from '@maillage/database';
import { SERVICE_DATA_SOURCE } from '@maillage/platform';

export interface IdempotencyScope {
  tenantId: string;
  /** issuer and subject of the caller: two clients never share a key */
  subject: string;
  key: string;
}

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' }
  | { kind: 'completed'; status: number; body: unknown; location: string | null };

/** How long a key is remembered, and when a request that never finished is given up. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const STALE_IN_PROGRESS_SECONDS = 300;

/**
 * Keys and first answers of creating POSTs, in the gateway's schema. The
 * primary key (tenant, subject, key) makes claiming atomic: of two concurrent
 * requests with one key, one inserts and runs, the other sees it in progress.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyStore.name);
  private purgeTimer?: NodeJS.Timeout;

  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(
      () =>
        void this.purgeExpired().catch((e: unknown) =>
          this.logger.warn({ error: String(e) }, 'purge failed'),
        ),
      3_600_000,
    );
    this.purgeTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  async claim(
    scope: IdempotencyScope,
    requestHash: string,
    method: string,
    path: string,
  ): Promise<IdempotencyClaim> {
    const args = [scope.tenantId, scope.subject, scope.key];
    // an expired key, or one whose request died with its process, is free again
    await this.query(
      scope.tenantId,
      `DELETE FROM "gateway".idempotency_keys WHERE tenant_id = $1 AND subject = $2 AND key = $3
         AND (created_at < now() - make_interval(hours => $4)
              OR (state = 'in-progress' AND created_at < now() - make_interval(secs => $5)))`,
      [...args, IDEMPOTENCY_TTL_HOURS, STALE_IN_PROGRESS_SECONDS],
    );
    const inserted: unknown[] = await this.query(
      scope.tenantId,
      `INSERT INTO "gateway".idempotency_keys (tenant_id, subject, key, request_hash, method, path, state)
       VALUES ($1, $2, $3, $4, $5, $6, 'in-progress') ON CONFLICT DO NOTHING RETURNING key`,
      [...args, requestHash, method, path],
    );
    if (inserted.length === 1) return { kind: 'new' };
    const rows: {
      request_hash: string;
      state: string;
      response_status: number | null;
      response_body: unknown;
      response_location: string | null;
    }[] = await this.query(
      scope.tenantId,
      `SELECT request_hash, state, response_status, response_body, response_location FROM "gateway".idempotency_keys
          WHERE tenant_id = $1 AND subject = $2 AND key = $3`,
      args,
    );
    const row = rows[0];
    // deleted between our insert and select: the other request failed; the caller may retry
    if (!row) return { kind: 'in-progress' };
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.state !== 'completed') return { kind: 'in-progress' };
    return {
      kind: 'completed',
      status: row.response_status ?? 200,
      body: row.response_body,
      location: row.response_location,
    };
  }

  async complete(
    scope: IdempotencyScope,
    status: number,
    body: unknown,
    location: string | null,
  ): Promise<void> {
    await this.query(
      scope.tenantId,
      `UPDATE "gateway".idempotency_keys SET state = 'completed', response_status = $4, response_body = $5::jsonb,
              response_location = $6, completed_at = now()
        WHERE tenant_id = $1 AND subject = $2 AND key = $3`,
      [
        scope.tenantId,
        scope.subject,
        scope.key,
        status,
        body === undefined ? null : JSON.stringify(body),
        location,
      ],
    );
  }

  /** The request failed: forget the key, so that a retry runs again. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.query(
      scope.tenantId,
      `DELETE FROM "gateway".idempotency_keys WHERE tenant_id = $1 AND subject = $2 AND key = $3 AND state = 'in-progress'`,
      [scope.tenantId, scope.subject, scope.key],
    );
  }

  /** Expired keys of every tenant: found in one read across tenants, deleted in each tenant's own transaction. */
  async purgeExpired(): Promise<number> {
    const tenants: { tenant_id: string }[] = await readAcrossTenants(
      this.dataSource,
      '*',
      (manager) =>
        manager.query(
          `SELECT DISTINCT tenant_id FROM "gateway".idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
          [IDEMPOTENCY_TTL_HOURS],
        ),
    );
    let purged = 0;
    for (const { tenant_id } of tenants) {
      const result: [unknown[], number] = await this.query(
        tenant_id,
        `DELETE FROM "gateway".idempotency_keys WHERE tenant_id = $1 AND created_at < now() - make_interval(hours => $2)`,
        [tenant_id, IDEMPOTENCY_TTL_HOURS],
      );
      purged += result[1];
    }
    return purged;
  }

  /** One statement in the tenant's transaction: the table is under row-level security. */
  private query<T>(tenantId: string, sql: string, parameters: unknown[]): Promise<T> {
    return inTenantTransaction(this.dataSource, tenantId, (manager) =>
      manager.query(sql, parameters),
    );
  }
}
