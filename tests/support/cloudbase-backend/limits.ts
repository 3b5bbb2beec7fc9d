/**
 * The platform limits and costs the backend models, as one options object with defaults, plus the request counter.
 *
 * Why these numbers (each one read from the SDK or the docs, see docs/cloudbase.md and /work/shared/TOOLCHAIN.md):
 * - A `where(…).get()` page: @cloudbase/database 1.4.3 always sends `limit` (100 when the caller set none, and it
 *   cuts anything above 1000 itself); the server caps a page at 1000 documents. `maxPageSize` lets a test cap it
 *   lower, to prove the code never assumes the server filled a page.
 * - An aggregation without a `$limit` stage answers 20 results at most (the community reports it; the adapter always
 *   sets its own limit).
 * - A query or aggregation result over 1 MB fails (wx-server-sdk's error table: -602001 "database query result size
 *   exceed limit (1MB)"); a cloud function's own result over 1 MB fails with -604001.
 * - A transaction the client neither commits nor aborts lives 30 s on the server (Tencent's TransactionNotExist text
 *   says so).
 * - Latency: every request costs a round trip. CloudBase bills per request, so every request is counted by action.
 */

import { REAL_TIME, type LatencyClock } from './clock';

export interface BackendOptions {
  /** Milliseconds each request takes (half before the server acts, half before the answer arrives). 0: one turn of the event loop. */
  latencyMs: number;
  /** The most documents one `get()` page answers, whatever `limit` was asked (the server's cap is 1000). */
  maxPageSize: number;
  /**
   * Documents whose sort keys are equal come back in no particular order, which may change from one request to the
   * next (MongoDB: "if consistent sort order is desired, include at least one field in your sort that contains
   * unique values"). Off: natural (insertion) order. On: shuffled per request from a fixed seed, so paging by
   * `skip` over a sort key that is not unique is caught, reproducibly.
   */
  unorderedTies: boolean;
  /** The page size the server uses when a `getDocument` request carries no `limit` (the SDK itself sends 100). */
  defaultPageSize: number;
  /** Results of an aggregation without a `$limit` stage. */
  aggregateDefaultLimit: number;
  /** Bytes a query or aggregation result may have (EJSON text of its documents). */
  maxResultBytes: number;
  /** A transaction not ended within this many ms is aborted by the server (its locks released). */
  transactionTimeoutMs: number;
  /** Environment id the factory routes requests by; unique per backend unless given. */
  envId?: string;
  /**
   * What latency is waited on (clock.ts): real timers by default; a `SimulatedClock` makes latency virtual, so a
   * call's simulated wall time can be read off the clock without waiting for it.
   */
  clock?: LatencyClock;
}

export const ONE_MB = 1024 * 1024;

export const DEFAULT_OPTIONS: BackendOptions = {
  latencyMs: 20,
  maxPageSize: 1000,
  unorderedTies: false,
  defaultPageSize: 100,
  aggregateDefaultLimit: 20,
  maxResultBytes: ONE_MB,
  transactionTimeoutMs: 30_000,
};

export function withDefaults(options: Partial<BackendOptions> = {}): BackendOptions {
  const merged = { ...DEFAULT_OPTIONS, ...options };
  for (const key of ['latencyMs', 'maxPageSize', 'defaultPageSize', 'aggregateDefaultLimit', 'maxResultBytes', 'transactionTimeoutMs'] as const) {
    if (!(merged[key] >= 0)) throw new Error(`cloudbase backend: option ${key} must be a number ≥ 0`);
  }
  return merged;
}

/**
 * Waits `ms` on `clock` (clock.ts: a real timer by default, or virtual time) or, for 0, one `setImmediate` turn:
 * concurrent requests then really interleave, as they do over a network, instead of each running to completion
 * inside one microtask chain.
 */
export function networkDelay(ms: number, clock: LatencyClock = REAL_TIME): Promise<void> {
  return clock.delay(ms);
}

/** The transaction bookkeeping requests: CloudBase answers them, but they read or write no document. */
export const TRANSACTION_ACTIONS = new Set(['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction']);

export interface RequestCounters {
  /** Every request that reached the server, failed ones included. */
  requests: number;
  /** Requests that read or wrote documents (everything but start/commit/abort of a transaction). */
  documentOps: number;
  byAction: Record<string, number>;
  /** `byAction` further split by collection, `action collection`. */
  byActionAndCollection: Record<string, number>;
  transactions: { started: number; committed: number; aborted: number; conflicts: number; expired: number };
  /** Non-transactional writes that had to wait for a transaction holding the document. */
  lockWaits: number;
  /** `where(…).get()` built through a transaction object: the SDK sends the transaction id, so it reads the snapshot. */
  queriesInTransaction: number;
  /** Requests failed on purpose by `failNext`. */
  injectedFailures: number;
  /** Queries and aggregations refused because their result was over `maxResultBytes` (-602001). */
  oversizedResults: number;
  /**
   * Real milliseconds the server spent answering (evaluating queries over its documents, EJSON): the in-process
   * server's own cost, which a caller measuring its compute subtracts from the wall time of a call.
   */
  serverMs: number;
}

export function emptyCounters(): RequestCounters {
  return {
    requests: 0,
    documentOps: 0,
    byAction: {},
    byActionAndCollection: {},
    transactions: { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 },
    lockWaits: 0,
    queriesInTransaction: 0,
    injectedFailures: 0,
    oversizedResults: 0,
    serverMs: 0,
  };
}

export function countRequest(counters: RequestCounters, action: string, collection: string | undefined): void {
  counters.requests++;
  if (!TRANSACTION_ACTIONS.has(action)) counters.documentOps++;
  counters.byAction[action] = (counters.byAction[action] ?? 0) + 1;
  const key = collection ? `${action} ${collection}` : action;
  counters.byActionAndCollection[key] = (counters.byActionAndCollection[key] ?? 0) + 1;
}

/** Bytes of a result as the server measures it here: the UTF-8 length of the EJSON text of each document. */
export function resultBytes(ejsonDocuments: string[]): number {
  let total = 0;
  for (const text of ejsonDocuments) total += Buffer.byteLength(text, 'utf8');
  return total;
}

/** wx-server-sdk's error table text for a cloud function result over 1 MB. */
export const FUNCTION_RESULT_TOO_LARGE = 'cloudfunction result size exceed limit (1MB)';

/**
 * Measures what a cloud function would return (CloudBase serialises it as JSON) against the 1 MB limit: for later
 * use by tests of the `api` function's answers (an export, a long list). `error` is shaped as the caller of
 * `wx.cloud.callFunction` would see it: errCode -604001 and the SDK's text.
 */
export function checkCloudFunctionResult(
  result: unknown,
  limitBytes = ONE_MB,
): { bytes: number; ok: boolean; error?: Error & { errCode: number; errMsg: string } } {
  const bytes = Buffer.byteLength(JSON.stringify(result) ?? '', 'utf8');
  if (bytes <= limitBytes) return { bytes, ok: true };
  const error = new Error(`cloud.callFunction:fail -604001 ${FUNCTION_RESULT_TOO_LARGE}. result is ${bytes} bytes`) as Error & {
    errCode: number;
    errMsg: string;
  };
  error.errCode = -604001;
  error.errMsg = error.message;
  return { bytes, ok: false, error };
}
