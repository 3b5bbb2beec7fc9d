/**
 * The SDK's last hop, replaced. @cloudbase/database builds every request with `new Db.reqClass(config)` and calls
 * `send(action, params, opts)`; @cloudbase/node-sdk sets `Db.reqClass = TcbDBApiHttpRequester` (HTTP + request
 * signing) on EVERY `cloud.database()` call. So the transport is pinned with a getter and a setter that ignores
 * node-sdk's assignment, before the first `cloud.database()`: an unpinned request would go to node-sdk's requester,
 * whose credential check leaves a rejected promise unawaited and kills Node 20 with an unhandled rejection.
 *
 * Routing: `Db.reqClass` is global to the module, but each backend has its own env id; the factory opens the
 * database with `{ env: backend.envId }`, node-sdk copies it into the Db config as `envName`, and the transport
 * finds the backend by it. A request for an env without a backend fails (INVALIID_ENV): it never reaches a network.
 * Code that opens the database as a deployed function does (`cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })`, then
 * `cloud.database()`) has node-sdk's SYMBOL_CURRENT_ENV as its `envName`; node-sdk's own requester resolves it from
 * the function's environment (`TCB_ENV`, else `SCF_NAMESPACE`), and so does this transport: a test sets `TCB_ENV` to
 * the backend's env id, as SCF sets it to the environment's (`useBackendAsCurrentEnv` in factory.ts).
 *
 * Answers with a `code` go through node-sdk's own `processReturn` (what its HTTP requester does with them): by
 * default a thrown TcbError `{ code, message, requestId }`, which wx-server-sdk then maps to `errCode`.
 */
import type { CloudbaseBackend } from './backend';
import { invalidEnv, type WireParams } from './protocol';
import { databaseModule, nodeSdkUtils, type DbClass } from './sdk-modules';

const backends = new Map<string, CloudbaseBackend>();

export function registerBackend(backend: CloudbaseBackend): void {
  backends.set(backend.envId, backend);
}

export function unregisterBackend(backend: CloudbaseBackend): void {
  if (backends.get(backend.envId) === backend) backends.delete(backend.envId);
}

interface DbConfig {
  envName?: unknown;
  env?: unknown;
}

/** node-sdk's marker for "the environment this function runs in" (`Symbol.for`, so any copy of node-sdk agrees). */
const SYMBOL_CURRENT_ENV = Symbol.for('SYMBOL_CURRENT_ENV');

/** The env id a request is for: node-sdk's current-env marker resolved as its requester does (TCB_ENV, SCF_NAMESPACE). */
export function envIdOf(config: DbConfig): string {
  const env = config.envName ?? config.env;
  if (env === SYMBOL_CURRENT_ENV) return process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
  return typeof env === 'string' ? env : '';
}

/** What @cloudbase/database constructs for every request (`new Db.reqClass(this._db.config)`). */
export class InProcessTransport {
  constructor(private readonly config: DbConfig = {}) {}

  async send(action: string, params: WireParams = {}): Promise<unknown> {
    const env = envIdOf(this.config);
    const backend = backends.get(env);
    const answer = backend
      ? await backend.handle(action, { ...params })
      : { requestId: 'inproc-unrouted', code: invalidEnv(env).code, message: invalidEnv(env).message };
    if ((answer as { code?: unknown }).code) return nodeSdkUtils().processReturn(answer);
    return answer;
  }
}

let pinnedDb: DbClass | null = null;

/**
 * Pins `InProcessTransport` as the `Db.reqClass` of the @cloudbase/database copy that wx-server-sdk's node-sdk
 * resolves. Idempotent; verifies the pin holds against node-sdk's assignment.
 */
export function pinTransport(): DbClass {
  const { Db } = databaseModule();
  if (pinnedDb === Db && Db.reqClass === InProcessTransport) return Db;
  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    enumerable: true,
    get: () => InProcessTransport,
    set: () => {
      // node-sdk's newDb() assigns its HTTP requester here on every cloud.database(); keep ours.
    },
  });
  Db.reqClass = null; // what node-sdk does; must not take
  if (Db.reqClass !== InProcessTransport) throw new Error('cloudbase backend: could not pin @cloudbase/database Db.reqClass');
  pinnedDb = Db;
  return Db;
}
