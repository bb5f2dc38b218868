import { ProblemError } from './request';

/**
 * Optimistic concurrency for shared records (an availability a coordinator and
 * the member may edit at once): the gateway turns `If-Match` into the version
 * the client last saw; the service compares it with the stored one in the same
 * transaction as the update and refuses a stale write with 412.
 */
export function preconditionFailed(
  detail = 'the resource changed since you read it; read it again and retry',
): ProblemError {
  return new ProblemError({ status: 412, title: 'Precondition failed', detail });
}

/** Throws 412 unless the stored version is the one the client expects. */
export function assertVersion(
  current: number | string | Date,
  expected: number | string | Date | undefined,
): void {
  if (expected === undefined) return;
  if (versionToken(current) !== versionToken(expected)) throw preconditionFailed();
}

/** The opaque value an ETag is made of: a version number or an updatedAt instant. */
export function versionToken(version: number | string | Date): string {
  if (version instanceof Date) return String(version.getTime());
  if (typeof version === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(version)) {
    const time = Date.parse(version);
    if (!Number.isNaN(time)) return String(time);
  }
  return String(version);
}
