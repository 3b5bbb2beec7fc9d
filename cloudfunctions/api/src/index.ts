/**
 * The `api` cloud function: the one door of the mini program (wx.cloud.callFunction({ name: 'api', data: { action,
 * payload } })). It only turns the call into `dispatch(call, ctx)`; validation, rules and storage live in server/.
 *
 * Identity comes from `cloud.getWXContext()` alone. Nothing in `event` that claims one is believed: the WeChat
 * client adds `userInfo` ({ openId, appId }) to every call and a caller can put anything else beside it, so only
 * `action` and `payload` are read, and the router validates `payload` strictly (unknown fields are refused).
 */
import * as cloud from 'wx-server-sdk';
import type { ActionCall, ApiResult } from '../../../types';
import type { Caller } from '../../../server/dispatch';
import { dispatchWithinLimits, jsonBytes } from '../../../server/dispatch/limits';
import { cloudbaseSender, templatesFromEnv, type OpenApi } from '../../../server/features/notifications/cloudbase-sender';
import { wechatContentChecker, type SecurityApi } from '../../../server/features/content/wechat-checker';
import { envVersionFrom, wxacodeMaker, type WxacodeApi } from '../../../server/features/sharing/wxacode-maker';
import { keyringFromConfig, type CheckinKeyring } from '../../../server/security/checkin-keys';
import { CloudbaseStorage } from '../../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseFileStore } from '../../../server/storage/cloudbase/file-store';
import type { WxDatabase } from '../../../server/storage/cloudbase/wx-db';
import type { WxCloudStorage } from '../../../server/storage/cloudbase/wx-storage';

// The environment the function is deployed in (the SDK's typings do not admit its own symbol, hence the cast).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// Created once per container and reused by every warm invocation. `throwOnNotFound: false` makes a missing
// document read as null (the adapter copes with either setting). The SDK's own typings declare every call as
// `Promise | void | string`, hence the cast to the structural type the adapter is written against.
const db = cloud.database({ throwOnNotFound: false } as { env?: string }) as unknown as WxDatabase;
const storage = new CloudbaseStorage(db);
// Uploads and exports: cloud storage (private), a record per file in the `files` collection (docs/cloudbase.md).
const files = new CloudbaseFileStore(cloud as unknown as WxCloudStorage, db);

/**
 * The check-in keys, from the function's environment variable CHECKIN_KEYS (JSON, see server/security/checkin-keys.ts),
 * parsed once per container. Absent or unreadable: check-in actions answer INTERNAL naming the missing configuration,
 * and every other action works as before.
 */
const checkinKeys: CheckinKeyring | undefined = (() => {
  const config = process.env.CHECKIN_KEYS;
  if (!config) return undefined;
  try {
    return keyringFromConfig(config);
  } catch (error) {
    console.error('CHECKIN_KEYS is not a valid check-in keyring:', (error as Error).message);
    return undefined;
  }
})();

/**
 * Subscribe messages for the committee's runScheduledJobs action (the timer function runs the same job every 5
 * minutes): the same sender and SUBSCRIBE_TEMPLATES as the timer, so running the job from the app really sends —
 * the local sender would mark messages sent that never left. Needs subscribeMessage.send in config.json.
 */
const notificationSender = cloudbaseSender(cloud.openapi as unknown as OpenApi, templatesFromEnv(process.env.SUBSCRIBE_TEMPLATES));

/**
 * Posters' 小程序码 (wxacode.getUnlimited; WXACODE_ENV_VERSION picks release / trial / develop) and content checks
 * (security.msgSecCheck, mediaCheckAsync): WeChat's open API through `cloud.openapi`, granted in config.json.
 */
const miniCodes = wxacodeMaker(cloud.openapi as unknown as WxacodeApi, envVersionFrom(process.env.WXACODE_ENV_VERSION));
const contentCheck = wechatContentChecker(cloud.openapi as unknown as SecurityApi);

interface CloudEvent {
  action?: unknown;
  payload?: unknown;
  /** Present when the function is called over CloudBase's HTTP access (the H5 build on static hosting). */
  httpMethod?: unknown;
  path?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: unknown;
  [claimed: string]: unknown;
}

/**
 * The call: from the mini program `{ action, payload }`; over HTTP access `POST …/api/<action>` with the payload as
 * the JSON body, like the local server. A body that is not JSON becomes a payload the schema refuses.
 */
function callOf(event: CloudEvent): ActionCall {
  if (typeof event?.httpMethod !== 'string') {
    return { action: typeof event?.action === 'string' ? event.action : '', payload: event?.payload };
  }
  const action = String(event.path ?? '').split('/').filter(Boolean).pop() ?? '';
  const raw = typeof event.body === 'string' ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  try {
    return { action, payload: raw ? JSON.parse(raw) : {} };
  } catch {
    return { action, payload: { malformedJson: true } };
  }
}

/**
 * The request's size as the platform limits it: over HTTP access the body (decoded, if the gateway passed it as
 * base64); from the mini program the call's data, i.e. the event's JSON (the `userInfo` WeChat adds is ~100 bytes).
 */
export function payloadBytesOf(event: CloudEvent): number {
  if (typeof event?.httpMethod === 'string') {
    if (typeof event.body !== 'string') return 0;
    return event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body, 'utf8');
  }
  return jsonBytes(event);
}

/**
 * Who is calling: the WeChat context's OPENID (mini program); else, over HTTP access, a web-login session named by
 * `Authorization: Bearer <token>`; else nobody. X-Demo-User means nothing here: there is no demo mode in the cloud.
 */
function callerOf(event: CloudEvent): Caller {
  const { OPENID } = cloud.getWXContext();
  if (OPENID) return { kind: 'wechat', openid: String(OPENID) };
  const headers = event?.headers ?? {};
  const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const bearer = typeof auth === 'string' ? /^Bearer\s+([A-Za-z0-9_-]{20,128})$/.exec(auth) : null;
  return bearer ? { kind: 'session', token: bearer[1] } : { kind: 'anonymous' };
}

/**
 * The asker's network address over HTTP access, for rate limits on public lookups (verifyTranscript): the hop the
 * gateway itself appended to X-Forwarded-For (the last one — earlier ones are whatever the client sent, and a client
 * choosing its own bucket would dodge the limit), else X-Real-IP. Nothing for mini-program calls: they have no
 * address here, and the handler buckets them by account.
 */
export function clientAddressOf(event: CloudEvent): string | undefined {
  if (typeof event?.httpMethod !== 'string') return undefined;
  const headers = event.headers ?? {};
  const header = (name: string) => {
    const value = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(',') : '';
  };
  const hops = header('x-forwarded-for').split(',').map((h) => h.trim()).filter(Boolean);
  const address = hops[hops.length - 1] || header('x-real-ip').trim();
  return address ? address.slice(0, 64) : undefined;
}

/**
 * One call: behind the platform's size limits (server/dispatch/limits.ts) — a request over 100 KB is refused
 * (PAYLOAD_TOO_LARGE), and a result over 1 MB, which CloudBase would not deliver, is answered RESULT_TOO_LARGE.
 */
export async function main(event: CloudEvent, _context: unknown): Promise<ApiResult<unknown>> {
  const { result } = await dispatchWithinLimits(callOf(event), {
    storage,
    caller: callerOf(event),
    now: () => new Date(),
    demoMode: false,
    // Set in the function's environment variables (云开发控制台 → 云函数 → api → 配置); never in the code or database.
    idHashKey: process.env.ID_HASH_KEY,
    checkinKeys,
    clientAddress: clientAddressOf(event),
    notificationSender,
    files,
    miniCodes,
    contentCheck,
  }, payloadBytesOf(event));
  return result;
}
