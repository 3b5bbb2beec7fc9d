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

/** What @cloudbase/database constructs for every request (`new Db.reqClass(this._db.config)`). */
export class InProcessTransport {
  constructor(private readonly config: DbConfig = {}) {}

  async send(action: string, params: WireParams = {}): Promise<unknown> {
    const env = String(this.config.envName ?? this.config.env ?? '');
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
