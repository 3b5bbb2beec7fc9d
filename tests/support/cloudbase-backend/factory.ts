/**
 * `createRealSdkDatabase(backend, { throwOnNotFound })`: the REAL wx-server-sdk 4.0.2 `cloud.database()`, whose
 * requests reach `backend` in process. Everything the SDK does — query building, EJSON serialisation, transactions'
 * bookkeeping, result parsing, error mapping — is its own code; only the transport is ours.
 *
 * Guards, because executing a real SDK request offline kills Node 20 (an unhandled rejection from node-sdk's
 * credential code; /work/shared/TOOLCHAIN.md):
 * 1. The transport is pinned (transport.ts) before the first `cloud.database()`, on the @cloudbase/database copy
 *    node-sdk resolves, and checked again on the returned database.
 * 2. node-sdk's `init` starts an unawaited "am I on Tencent Cloud?" probe (an HTTP GET to a metadata host, caught).
 *    The factory sets TENCENTCLOUD=true for the synchronous span of `cloud.init`/`cloud.database`, which answers the
 *    probe without any lookup (the answer only chooses URLs, which the pinned transport never uses).
 * 3. Requests are routed by env id; an env without a backend is refused in process, never sent.
 */
import type { WxDatabase } from '../../../server/storage/cloudbase/wx-db';
import type { CloudbaseBackend } from './backend';
import { sdkPaths } from './sdk-modules';
import { InProcessTransport, pinTransport, registerBackend } from './transport';

/** The real database object: the adapter's structural type, plus the rest of the SDK's surface for tests. */
export type RealSdkDatabase = WxDatabase & {
  // The SDK's own objects are untyped here on purpose (its typings declare callback-style unions).
  readonly command: any;
  startTransaction(): Promise<any>;
  readonly serverDate: any;
  readonly RegExp: any;
};

interface WxCloud {
  init(config: Record<string, unknown>): void;
  database(config: Record<string, unknown>): unknown;
  readonly DYNAMIC_CURRENT_ENV: unknown;
}

function withoutMetadataProbe<T>(run: () => T): T {
  const before = process.env.TENCENTCLOUD;
  process.env.TENCENTCLOUD = 'true';
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = before;
  }
}

export function realCloud(): WxCloud {
  pinTransport();
  const cloud = require(sdkPaths().wxServerSdk) as WxCloud;
  // Idempotent in wx-server-sdk (a second init is ignored), as in the `api` function.
  withoutMetadataProbe(() => cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV }));
  return cloud;
}

export function createRealSdkDatabase(backend: CloudbaseBackend, options: { throwOnNotFound?: boolean } = {}): RealSdkDatabase {
  const Db = pinTransport();
  const cloud = realCloud();
  registerBackend(backend);
  const config: Record<string, unknown> = { env: backend.envId };
  if (options.throwOnNotFound !== undefined) config.throwOnNotFound = options.throwOnNotFound;
  const db = withoutMetadataProbe(() => cloud.database(config)) as RealSdkDatabase;
  if (Db.reqClass !== InProcessTransport) throw new Error('cloudbase backend: the transport pin did not hold');
  return db;
}

/**
 * Makes `backend` the environment a deployed function runs in: the transport is pinned before anything of the SDK
 * runs, the backend registered, and `TCB_ENV` (what SCF sets, and what wx-server-sdk's DYNAMIC_CURRENT_ENV resolves
 * through) names its env id. Code that does what a cloud function does — `cloud.init({ env:
 * cloud.DYNAMIC_CURRENT_ENV })`, `cloud.database()` — then reaches this backend and nothing else. The SDK is
 * initialised here, inside the guard against node-sdk's metadata probe; the function's own `cloud.init` later is
 * ignored by wx-server-sdk (an initialised SDK keeps its configuration), as in a warm container.
 * Returns the undo (the previous TCB_ENV).
 */
export function useBackendAsCurrentEnv(backend: CloudbaseBackend): () => void {
  pinTransport();
  registerBackend(backend);
  const before = process.env.TCB_ENV;
  process.env.TCB_ENV = backend.envId;
  realCloud();
  return () => {
    if (before === undefined) delete process.env.TCB_ENV;
    else process.env.TCB_ENV = before;
  };
}
