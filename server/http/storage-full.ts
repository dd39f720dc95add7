import { ProblemError } from './problem.js';

/** How long a client is asked to wait when the disk is full: long enough for an operator to free space. */
export const STORAGE_FULL_RETRY_AFTER_SECONDS = 60;

/**
 * Error codes that mean "no space left": the file system's (`ENOSPC`, or `EDQUOT` for a user's disk quota)
 * and SQLite's (`SQLITE_FULL`, which SQLite also returns for an `ENOSPC` while writing its journal).
 */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** Whether `error` (or an error it wraps as `cause`) says the storage is full. */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && FULL.has(code)) return true;
  }
  return false;
}

/**
 * The answer when the disk is full: 507 with `Retry-After` (it is the server's state, not the request's).
 * `detail` replaces the default explanation (that nothing of the request was kept) when that is not so.
 */
export function storageFullProblem(detail?: string): ProblemError {
  return new ProblemError(507, 'insufficient-storage', 'Out of storage space', {
    detail:
      detail ??
      'The server has no storage space left to record this request; nothing of it was kept. ' +
        `Send it again in ${STORAGE_FULL_RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key, if it has one).`,
    headers: { 'retry-after': String(STORAGE_FULL_RETRY_AFTER_SECONDS) },
  });
}
