/**
 * The `api` cloud function: the one door of the mini program (wx.cloud.callFunction({ name: 'api', data: { action,
 * payload } })). It only turns the call into `dispatch(call, ctx)`; validation, rules and storage live in server/.
 *
 * Identity comes from `cloud.getWXContext()` alone. Nothing in `event` that claims one is believed: the WeChat
 * client adds `userInfo` ({ openId, appId }) to every call and a caller can put anything else beside it, so only
 * `action` and `payload` are read, and the router validates `payload` strictly (unknown fields are refused).
 */
import * as cloud from 'wx-server-sdk';
import type { ApiResult } from '../../../types';
import { dispatch } from '../../../server/handlers';
import { CloudbaseStorage } from '../../../server/storage/cloudbase/cloudbase-storage';
import type { WxDatabase } from '../../../server/storage/cloudbase/wx-db';

// The environment the function is deployed in (the SDK's typings do not admit its own symbol, hence the cast).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// Created once per container and reused by every warm invocation. `throwOnNotFound: false` makes a missing
// document read as null (the adapter copes with either setting). The SDK's own typings declare every call as
// `Promise | void | string`, hence the cast to the structural type the adapter is written against.
const storage = new CloudbaseStorage(cloud.database({ throwOnNotFound: false } as { env?: string }) as unknown as WxDatabase);

interface CloudEvent {
  action?: unknown;
  payload?: unknown;
  [claimed: string]: unknown;
}

export async function main(event: CloudEvent, _context: unknown): Promise<ApiResult<unknown>> {
  const { OPENID } = cloud.getWXContext();
  const call = { action: typeof event?.action === 'string' ? event.action : '', payload: event?.payload };
  return dispatch(call, {
    storage,
    caller: OPENID ? { kind: 'wechat', openid: String(OPENID) } : { kind: 'anonymous' },
    now: () => new Date(),
    demoMode: false,
    // Set in the function's environment variables (云开发控制台 → 云函数 → api → 配置); never in the code or database.
    idHashKey: process.env.ID_HASH_KEY,
  });
}
