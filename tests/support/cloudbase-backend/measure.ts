/**
 * The per-call harness: one handler call as the `api` function makes it — through the door's size limits
 * (server/dispatch/limits.ts) and `dispatch`, on a `CloudbaseStorage` over the REAL wx-server-sdk and the in-process
 * backend — with every request costing `latencyMs` (20 by default) of VIRTUAL time on a `SimulatedClock`. So the
 * measurement costs no wall time for latency, and what it reports is deterministic:
 *
 * - `ops`: billable database operations (document requests), `requests` all requests (with starting and ending
 *   transactions), `requestsByAction` by wire action;
 * - `simulatedMs`: the call's wall time at that latency: sequential requests add up, requests in flight together
 *   (a batch of scans, `Promise.all` of queries) overlap;
 * - `resultBytes`: the result's JSON as the function returns it; `payloadBytes` the request's;
 * - `oversizedQueries`: database reads the server refused for a result over 1 MB (-602001).
 *
 * `computeMs` is measured, not simulated (real time of the call minus the in-process server's own): the function's CPU
 * on this machine, reported for benches; tests must not assert it.
 *
 * `measureCall` fails (a `CallLimitError` naming the action) when the call would fail on CloudBase: simulated time
 * over the function's 20 s timeout, a result over 1 MB, a request over 100 KB. `{ enforce: false }` reports instead.
 */
import type { ActionCall, ApiResult } from '../../../types';
import type { Caller, HandlerContext } from '../../../server/dispatch';
import { CALL_PAYLOAD_LIMIT_BYTES, CALL_RESULT_LIMIT_BYTES, dispatchWithinLimits, jsonBytes } from '../../../server/dispatch/limits';
import { CloudbaseStorage, type CloudbaseStorageOptions } from '../../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend } from './backend';
import { SimulatedClock } from './clock';
import { createRealSdkDatabase, type RealSdkDatabase } from './factory';
import type { BackendOptions } from './limits';

/** The `api` function's timeout (cloudbaserc.json, cloudfunctions/api/config.json). */
export const CALL_BUDGET_MS = 20_000;
/** The latency model's default: one request, there and back, from a function to its database. */
export const DEFAULT_LATENCY_MS = 20;

export interface MeasuredCloudbase {
  backend: CloudbaseBackend;
  clock: SimulatedClock;
  db: RealSdkDatabase;
  storage: CloudbaseStorage;
  /** A handler context as the `api` function builds it, for this caller. */
  context(caller: Caller, extra?: Partial<Omit<HandlerContext, 'storage' | 'caller'>>): HandlerContext;
}

export interface MeasuredCloudbaseOptions {
  latencyMs?: number;
  backend?: Partial<Omit<BackendOptions, 'latencyMs' | 'clock'>>;
  /** The adapter's options; its backoff sleeps on the simulated clock unless `sleep` is given. */
  storage?: CloudbaseStorageOptions;
  /** As the `api` function opens its database: false. */
  throwOnNotFound?: boolean;
  /** The handlers' clock (`ctx.now`); the default is the real one. */
  now?: () => Date;
}

/**
 * The adapter's own sense of elapsed time (`nowMs`: a drain slice's length, the identity cache's age) runs on the
 * simulated clock, from the moment the world is made: it measures what would pass on the platform, not on this machine.
 */

export function measuredCloudbase(options: MeasuredCloudbaseOptions = {}): MeasuredCloudbase {
  const clock = new SimulatedClock();
  const backend = new CloudbaseBackend({ ...options.backend, latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS, clock });
  const db = createRealSdkDatabase(backend, { throwOnNotFound: options.throwOnNotFound ?? false });
  const epoch = Date.now();
  const storage = new CloudbaseStorage(db, { sleep: (ms) => clock.delay(ms), nowMs: () => epoch + clock.now(), ...options.storage });
  const now = options.now ?? (() => new Date());
  return {
    backend,
    clock,
    db,
    storage,
    // Time budgets (a job's chunks, the totals' rebuild, the send loop) run on the simulated clock, as on the platform.
    context: (caller, extra = {}) => ({ storage, caller, now, demoMode: false, elapsedMs: () => clock.now(), ...extra }),
  };
}

export interface CallMeasurement {
  action: string;
  ok: boolean;
  /** The refusal's code, if the call was refused. */
  code: string | null;
  ops: number;
  requests: number;
  requestsByAction: Record<string, number>;
  /** Database queries the server refused for a result over 1 MB (-602001): the call then failed or read less. */
  oversizedQueries: number;
  simulatedMs: number;
  computeMs: number;
  payloadBytes: number;
  resultBytes: number;
  /** Which of the door's limits refused the call. */
  refused: 'payload' | 'result' | null;
  /**
   * Requests made after the call had answered (work it left running). On CloudBase a container is frozen once the
   * function returns, so such work may never run: the harness waits for it to finish and counts it apart.
   */
  afterAnswer: number;
  result: ApiResult<unknown>;
}

export class CallLimitError extends Error {
  constructor(
    message: string,
    readonly measurement: CallMeasurement,
  ) {
    super(message);
    this.name = 'CallLimitError';
  }
}

export interface MeasureOptions {
  /** Fail (throw CallLimitError) past a limit. Default true. */
  enforce?: boolean;
  budgetMs?: number;
  /** The request's size at the door; default the call's JSON (as the mini program sends it). */
  payloadBytes?: number;
  /**
   * The door's request limit for this measurement (default CloudBase's 100 KB). A bench raises it to see what the
   * handler behind a refused request would cost — the figure a later fix (chunking, files through storage) starts
   * from; the request is still reported as over the platform's limit.
   */
  payloadLimitBytes?: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** What is wrong with a measured call on CloudBase, or null. */
export function limitViolation(m: CallMeasurement, budgetMs = CALL_BUDGET_MS): string | null {
  const where = `${m.action}: ${m.ops} database operations, ${m.requests} requests`;
  if (m.payloadBytes > CALL_PAYLOAD_LIMIT_BYTES) return `${m.action}: the request is ${kb(m.payloadBytes)}, over the ${kb(CALL_PAYLOAD_LIMIT_BYTES)} a call may send`;
  if (m.resultBytes > CALL_RESULT_LIMIT_BYTES) {
    return `${where}: the result is ${kb(m.resultBytes)}, over the ${kb(CALL_RESULT_LIMIT_BYTES)} a cloud function may return`;
  }
  if (m.simulatedMs > budgetMs) {
    return `${where}: ${(m.simulatedMs / 1000).toFixed(2)} s simulated, over the function's ${(budgetMs / 1000).toFixed(0)} s timeout`;
  }
  return null;
}

/**
 * Runs ONE call and measures it. Only one call at a time per backend: the counters and the clock are shared by
 * everything in flight.
 */
export async function measureCall(world: MeasuredCloudbase, call: ActionCall, ctx: HandlerContext, options: MeasureOptions = {}): Promise<CallMeasurement> {
  const { backend, clock } = world;
  backend.resetCounters();
  const startVirtual = clock.now();
  const startReal = performance.now();
  const outcome = await dispatchWithinLimits(call, ctx, options.payloadBytes ?? jsonBytes(call), { payloadBytes: options.payloadLimitBytes });
  const realMs = performance.now() - startReal;
  const simulatedMs = clock.now() - startVirtual;
  const counters = backend.counters();
  await clock.settle();
  const afterAnswer = backend.counters().requests - counters.requests;
  const result = outcome.result;
  const measurement: CallMeasurement = {
    action: String(call.action),
    ok: result.ok,
    code: result.ok ? null : result.code,
    ops: counters.documentOps,
    requests: counters.requests,
    requestsByAction: counters.byAction,
    oversizedQueries: counters.oversizedResults,
    simulatedMs,
    computeMs: Math.max(0, realMs - counters.serverMs),
    payloadBytes: outcome.payloadBytes,
    resultBytes: outcome.resultBytes,
    refused: outcome.refused,
    afterAnswer,
    result,
  };
  const violation = limitViolation(measurement, options.budgetMs);
  if (violation && options.enforce !== false) throw new CallLimitError(violation, measurement);
  return measurement;
}
