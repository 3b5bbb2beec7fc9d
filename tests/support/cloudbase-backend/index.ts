/**
 * An in-process CloudBase database backend for the REAL wx-server-sdk 4.0.2: only the SDK's last network hop is
 * replaced, so code under test runs through the SDK's own query building, serialisation and result parsing.
 *
 * - backend.ts: the server (`CloudbaseBackend`): wire actions, latency, request counts, limits, failNext
 * - request-log.ts: its log of requests (`backend.requestLog()`: action, collection, in a transaction or not, the
 *   document or query fields named, a refusal) and `describeRequest`, the one-line form operation counts are written in
 * - store.ts: documents, snapshot transactions with write-write conflicts at the write, mingo evaluation
 * - limits.ts: the options (latency, page caps, aggregate default, 1 MB results, transaction lifetime), counters,
 *   and the cloud function result-size check (-604001)
 * - protocol.ts: the wire shapes and the server's error codes and texts
 * - transport.ts: the pinned `Db.reqClass`, routing requests by env id
 * - factory.ts: `createRealSdkDatabase(backend, { throwOnNotFound })`; `useBackendAsCurrentEnv(backend)` for code that
 *   opens the database as a deployed function does (DYNAMIC_CURRENT_ENV through TCB_ENV)
 * - clock.ts: what latency is waited on — real timers, or a `SimulatedClock` (virtual time: no wall time spent)
 * - measure.ts (import it directly: it loads the handlers): `measureCall`, one handler call through the function's door on the real SDK at 20 ms a request:
 *   database operations, requests by action, simulated wall time, result size; fails past 20 s or 1 MB
 * - sdk-modules.ts: the exact module copies wx-server-sdk uses
 */
export { CloudbaseBackend } from './backend';
export { REAL_TIME, SimulatedClock, nextTurn, type LatencyClock } from './clock';
export { createRealSdkDatabase, realCloud, useBackendAsCurrentEnv, type RealSdkDatabase } from './factory';
export {
  checkCloudFunctionResult,
  DEFAULT_OPTIONS,
  FUNCTION_RESULT_TOO_LARGE,
  ONE_MB,
  type BackendOptions,
  type RequestCounters,
} from './limits';
export { describeRequest, isDocumentRequest, type RequestLogEntry } from './request-log';
export { CONFLICT_MESSAGE, QUERY_RESULT_TOO_LARGE, TRANSACTION_GONE_MESSAGE } from './protocol';
export { envIdOf, InProcessTransport, pinTransport } from './transport';
