import type { StoragePort } from '../storage/port';

/**
 * Who is calling. On CloudBase it is the OPENID from `cloud.getWXContext()`; on the local server it is the demo
 * user chosen by the X-Demo-User header (demo mode only) or nobody. Never anything taken from the request body.
 */
export type Caller =
  | { kind: 'wechat'; openid: string }
  | { kind: 'demo'; user: string }
  | { kind: 'anonymous' };

export interface HandlerContext {
  storage: StoragePort;
  caller: Caller;
  /** The clock, passed in so rules are testable; handlers read it once per call. */
  now: () => Date;
  /** True only on a local server started in demo mode. */
  demoMode: boolean;
  /**
   * Key of the keyed hash that protects students' ID digits (HMAC-SHA256). From the environment (ID_HASH_KEY) on
   * CloudBase, from DATA_DIR on the local server. Absent: binding refuses students that have a second factor.
   */
  idHashKey?: string;
}
