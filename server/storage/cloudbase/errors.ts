/**
 * How the adapter recognises CloudBase's failures. wx-server-sdk wraps server errors in an Error whose `errCode` is a
 * number (e.g. -502001 DATABASE_REQUEST_FAILED) and whose message carries the server's text; a commit conflict
 * thrown by @cloudbase/database's runTransaction is the raw `{ code: 'DATABASE_TRANSACTION_CONFLICT', message }`.
 * So each test looks at `code`, `errCode` and the text.
 */
function textOf(error: unknown): string {
  if (!error) return '';
  if (typeof error === 'string') return error;
  const e = error as { message?: unknown; errMsg?: unknown };
  return `${typeof e.message === 'string' ? e.message : ''} ${typeof e.errMsg === 'string' ? e.errMsg : ''}`;
}

/** Another transaction touched the same documents first; the whole transaction may simply run again. */
export function isTransactionConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object' && typeof error !== 'string') return false;
  const e = error as { code?: unknown; errCode?: unknown };
  if (e.code === 'DATABASE_TRANSACTION_CONFLICT' || e.errCode === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /TRANSACTION_CONFLICT|TransactionConflict|TransactionBusy|WriteConflict|transaction conflict/i.test(textOf(error));
}

/**
 * `add` of an `_id` that exists. ASSUMPTION (not verifiable offline): CloudBase relays MongoDB's
 * "E11000 duplicate key error … index: _id_" inside a -502001 error. The adapter does not rely on this text alone: a
 * failed registration `add` is always followed by a read of that registration (see events.ts).
 */
export function isDuplicateKey(error: unknown): boolean {
  return /E11000|duplicate key/i.test(textOf(error));
}

/** wx-server-sdk's `doc(id).get()` of a missing document when `throwOnNotFound` is on (its default). */
export function isDocumentMissing(error: unknown): boolean {
  return /does not exist/i.test(textOf(error));
}

/**
 * Thrown inside a transaction callback when what was read before it (the first waitlisted student found by a query,
 * which cannot run inside a transaction) no longer holds. The adapter retries with a fresh read.
 */
export class StaleReadError extends Error {
  constructor(what: string) {
    super(`stale read: ${what}`);
    this.name = 'StaleReadError';
  }
}
