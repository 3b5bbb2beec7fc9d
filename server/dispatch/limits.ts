import { failure, type ActionCall, type ApiFailure, type ApiResult } from '../../types';
import type { HandlerContext } from '../features/shared/context';
import { dispatch } from './index';

/**
 * The platform's size limits at the cloud function's door, so that a call CloudBase would refuse or could not answer
 * fails here, visibly and in tests, instead of silently in production.
 *
 * - A request: at most 100 KB. WeChat's `Cloud.callFunction` reference sets the threshold for `data` at 100 KB
 *   ("建议临界值 100KB", beyond it: `wx.cloud.CDN`, to stay clear of the call chain's size limit), and CloudBase's
 *   EXCEED_MAX_PAYLOAD_SIZE says a cloud function's text request body may be 100 KB (other types 6 MB) — which is
 *   what the H5 site's JSON bodies through HTTP access are. On the platform an over-limit call never reaches the
 *   function; the door refuses it too so that tests and the local harness see the same refusal.
 * - A result: at most 1 MB (wx-server-sdk's error table: -604001 "cloudfunction result size exceed limit (1MB)").
 *   The result is measured as the function returns it (its JSON); one over the limit is answered RESULT_TOO_LARGE,
 *   naming its size, and logged — rather than a result the caller would never receive.
 */
export const CALL_PAYLOAD_LIMIT_BYTES = 100 * 1024;
export const CALL_RESULT_LIMIT_BYTES = 1024 * 1024;

/** UTF-8 bytes of a value's JSON, as the platform serialises it (undefined: 0). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The refusal of a request of `bytes`, or null when it is within the limit. */
export function payloadRefusal(bytes: number, limit = CALL_PAYLOAD_LIMIT_BYTES): ApiFailure | null {
  if (bytes <= limit) return null;
  return failure('PAYLOAD_TOO_LARGE', `提交的内容有 ${kb(bytes)}，超过每次最多 ${kb(limit)}：请分批提交（如离线扫码分几次上传）或缩小文件后重试`);
}

/** The answer to send instead of a result of `bytes`, or null when it is within the limit. */
export function resultRefusal(bytes: number, limit = CALL_RESULT_LIMIT_BYTES): ApiFailure | null {
  if (bytes <= limit) return null;
  return failure('RESULT_TOO_LARGE', `要返回的数据有 ${mb(bytes)}，超过每次最多 ${mb(limit)}，无法传回：请缩小范围（如按学院、团支部或活动分别导出）后重试`);
}

export interface DoorOutcome {
  /** What the function returns. */
  result: ApiResult<unknown>;
  /** Size of the request as measured at the door. */
  payloadBytes: number;
  /** Size of what the handler answered (before a refusal replaced it). */
  resultBytes: number;
  /** Which limit refused the call, if one did. */
  refused: 'payload' | 'result' | null;
}

export interface DoorLimits {
  payloadBytes?: number;
  resultBytes?: number;
}

/**
 * `dispatch` behind the door's limits. `payloadBytes` is the request as the transport received it (the cloud
 * function: the event's JSON; HTTP access: the body); by default the call's JSON.
 */
export async function dispatchWithinLimits(
  call: ActionCall,
  ctx: HandlerContext,
  payloadBytes: number = jsonBytes(call),
  limits: DoorLimits = {},
): Promise<DoorOutcome> {
  const refusedPayload = payloadRefusal(payloadBytes, limits.payloadBytes);
  if (refusedPayload) return { result: refusedPayload, payloadBytes, resultBytes: jsonBytes(refusedPayload), refused: 'payload' };
  const result = await dispatch(call, ctx);
  const resultBytes = jsonBytes(result);
  const refusedResult = resultRefusal(resultBytes, limits.resultBytes);
  if (refusedResult) {
    console.error(`[${String(call?.action ?? '').slice(0, 40)}] result of ${resultBytes} bytes is over the ${limits.resultBytes ?? CALL_RESULT_LIMIT_BYTES} bytes a cloud function may return`);
    return { result: refusedResult, payloadBytes, resultBytes, refused: 'result' };
  }
  return { result, payloadBytes, resultBytes, refused: null };
}
