import type { FileStore, StoragePort } from '../../storage/ports';
import type { CheckinKeyring } from '../../security/checkin-keys';
import type { NotificationSender } from '../notifications/sender';
import type { ContentChecker } from '../content/checker';
import type { MiniCodeMaker } from '../sharing/mini-codes';

/**
 * Who is calling. On CloudBase it is the OPENID from `cloud.getWXContext()`; on the local server it is the web
 * session named by `Authorization: Bearer <token>`, the demo user chosen by X-Demo-User (demo mode only), or nobody.
 * Never anything taken from the request body.
 */
export type Caller =
  | { kind: 'wechat'; openid: string }
  | { kind: 'demo'; user: string }
  /** A browser that logged in by scanning a QR code with the mini program (web login); the token is its secret. */
  | { kind: 'session'; token: string }
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
  /**
   * The server's check-in keys (Ed25519 pass signing, event-code HMAC). From CHECKIN_KEYS on CloudBase, from
   * DATA_DIR locally. Absent: check-in actions answer INTERNAL with a message naming the missing configuration.
   */
  checkinKeys?: CheckinKeyring;
  /**
   * Who is asking, as a network address, for rate limits on public lookups (transcript verification): the socket's
   * address locally; the HTTP access gateway's client address header on CloudBase. Absent: one shared bucket.
   */
  clientAddress?: string;
  /**
   * How runScheduledJobs delivers subscribe messages. The timer function passes WeChat's (cloudbase-sender.ts);
   * absent (the local server, the api function, tests), the local outbox sender: the outbox row is the inbox.
   */
  notificationSender?: NotificationSender;
  /**
   * Where files go (uploads, exports, problem reports): the local server's folder (server/storage/disk), cloud
   * storage on CloudBase. Absent: actions that take or give a file answer INTERNAL naming the missing configuration.
   */
  files?: FileStore;
  /**
   * How long one call may keep working through a bulk job before answering its progress (default 8 s: well under
   * the function's 20 s timeout). A call always finishes at least one chunk; 0 makes it finish exactly one (tests).
   */
  jobBudgetMs?: number;
  /**
   * What makes a poster's code: WeChat's 小程序码 on CloudBase (wxacode-maker.ts), a plain QR of the H5 page on the local
   * server. Absent: getEventPoster answers INTERNAL naming the missing configuration.
   */
  miniCodes?: MiniCodeMaker;
  /**
   * Checks text (and images) users publish: WeChat's msgSecCheck / mediaCheckAsync on CloudBase; absent (the local
   * server, tests), everything passes.
   */
  contentCheck?: ContentChecker;
  /**
   * A monotonic clock in milliseconds that time budgets are measured on (a job's chunks, the totals' rebuild, the
   * timed job's send loop): `performance.now()` when absent. The per-call harness passes its simulated clock, so a
   * budget runs out as it would at the modelled latency (tests/support/cloudbase-backend/measure.ts).
   */
  elapsedMs?: () => number;
}

/** The call's clock for time budgets (HandlerContext.elapsedMs). */
export function elapsedClock(ctx: Pick<HandlerContext, 'elapsedMs'>): () => number {
  return ctx.elapsedMs ?? (() => performance.now());
}
