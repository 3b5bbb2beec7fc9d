/**
 * WeChat's open API for the REAL wx-server-sdk 4.0.2, in process: `cloud.openapi.<service>.<method>(args)` runs the
 * SDK's own code — the camelCase → snake_case conversion, the protobuf `CommApiData` it packs the arguments into, the
 * `wx.openApi` request of @cloudbase/node-sdk (`callCompatibleWxOpenApi`), the `CommOpenApiResp` it unpacks, the
 * JSON-or-image decision by content type, errcode mapping and snake_case → camelCase — and only the last hop, the
 * API request, is answered here (routed by tests/support/cloudbase-api-requester.ts).
 *
 * The backend answers as WeChat does (read from wx-server-sdk's generic.ts and callWXOpenAPI.ts, and WeChat's docs):
 * - `wxacode.getUnlimited`: an image (`image/png`; here a QR of `wxacode:<page>?scene=<scene>` so a test can read it
 *   back), or JSON `{ errcode, errmsg }` (41030 page not published when `check_path` is on and the page is not in
 *   `publishedPages`; 45009 quota when told to fail);
 * - `security.msgSecCheck` (version 2): `{ errcode: 0, result: { suggest, label }, detail, trace_id }`, `risky` with
 *   label 20001 when the content holds one of `riskyWords`; errcode 61010 for an openid in `staleOpenids` (not in
 *   the mini program within two hours);
 * - `security.mediaCheckAsync`: `{ errcode: 0, trace_id }`.
 * An API the function's config.json does not grant is refused the way the platform does: `CommOpenApiResp.errorCode`
 * -604101, which wx-server-sdk throws as errCode -604101.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { qrPng } from '../../../server/local/qr-png';
import { routeApiRequests } from '../cloudbase-api-requester';
import { sdkPaths } from '../cloudbase-backend/sdk-modules';

interface ProtoType<T> {
  decode(bytes: Uint8Array): T;
  encode(message: Record<string, unknown>): { finish(): Uint8Array };
}

interface CommApiData {
  apiType: number;
  openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> };
}

/** wx-server-sdk's generated protobuf classes, registered on its protobufjs copy's default root when it loads. */
function protos(): { CommApiData: ProtoType<CommApiData>; CommOpenApiResp: ProtoType<unknown> } {
  require(sdkPaths().wxServerSdk);
  const minimal = require(require.resolve('protobufjs/minimal', { paths: [path.dirname(sdkPaths().wxServerSdk)] })) as {
    roots: Record<string, { CommApiData?: ProtoType<CommApiData>; CommOpenApiResp?: ProtoType<unknown> }>;
  };
  const root = minimal.roots.default;
  if (!root?.CommApiData || !root.CommOpenApiResp) throw new Error('wx-server-sdk did not register its openapi protobuf types');
  return { CommApiData: root.CommApiData, CommOpenApiResp: root.CommOpenApiResp };
}

export interface OpenApiCall {
  api: string;
  /** The arguments as WeChat receives them (snake_case keys, JSON values). */
  data: Record<string, unknown>;
}

export interface OpenApiBackendOptions {
  /** What the function's config.json grants (`permissions.openapi`). */
  permissions: readonly string[];
  /** Pages of the published version (wxacode's `check_path`). */
  publishedPages?: readonly string[];
  riskyWords?: readonly string[];
  staleOpenids?: readonly string[];
}

export class OpenApiBackend {
  readonly calls: OpenApiCall[] = [];
  /** The errcode the next call of an API answers with (then cleared). */
  private readonly failures = new Map<string, { errcode: number; errmsg: string }>();

  constructor(private readonly options: OpenApiBackendOptions) {}

  failNext(api: string, errcode: number, errmsg: string): void {
    this.failures.set(api, { errcode, errmsg });
  }

  callsOf(api: string): OpenApiCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** One `wx.openApi` request: the protobuf request in, the protobuf response out (a Buffer, as node-sdk's raw mode). */
  answer(apiName: string, requestData: Uint8Array): Buffer {
    const { CommApiData, CommOpenApiResp } = protos();
    const respond = (message: Record<string, unknown>) => Buffer.from(CommOpenApiResp.encode(message).finish());
    const json = (body: Record<string, unknown>) => respond({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=UTF-8', httpCode: 200 });
    if (!this.options.permissions.includes(apiName)) return respond({ errorCode: -604101, httpCode: 200 });
    const request = CommApiData.decode(requestData);
    const data: Record<string, unknown> = {};
    for (const pair of request.openapiData?.pairs ?? []) data[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'));
    this.calls.push({ api: apiName, data });
    const failure = this.failures.get(apiName);
    if (failure) {
      this.failures.delete(apiName);
      return json(failure);
    }
    const traceId = createHash('sha256').update(`${apiName}:${this.calls.length}`).digest('hex').slice(0, 24);
    switch (apiName) {
      case 'wxacode.getUnlimited': {
        const page = String(data.page ?? '');
        const scene = String(data.scene ?? '');
        if (!scene || scene.length > 32) return json({ errcode: 40169, errmsg: 'invalid length for scene' });
        if (data.check_path !== false && !(this.options.publishedPages ?? []).includes(page)) {
          return json({ errcode: 41030, errmsg: 'invalid page rid: inproc' });
        }
        return respond({ respData: Buffer.from(qrPng(`wxacode:${page}?scene=${scene}`)), contentType: 'image/png', httpCode: 200 });
      }
      case 'security.msgSecCheck': {
        const openid = String(data.openid ?? '');
        if (data.version !== 2 || !openid) return json({ errcode: 40003, errmsg: 'invalid openid' });
        if ((this.options.staleOpenids ?? []).includes(openid)) return json({ errcode: 61010, errmsg: 'user is not in session' });
        const content = String(data.content ?? '');
        if (content.length > 2500) return json({ errcode: 44991, errmsg: 'content too long' });
        const risky = (this.options.riskyWords ?? []).find((w) => content.includes(w));
        return json({
          errcode: 0,
          errmsg: 'ok',
          result: risky ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 },
          detail: [{ strategy: 'content_model', errcode: 0, suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100, prob: 90 }],
          trace_id: traceId,
        });
      }
      case 'security.mediaCheckAsync':
        return json({ errcode: 0, errmsg: 'ok', trace_id: traceId });
      default:
        return json({ errcode: 48001, errmsg: `api unauthorized: ${apiName} is not answered in process` });
    }
  }
}

let current: OpenApiBackend | null = null;

/**
 * Makes `backend` answer the SDK's `wx.openApi` requests (the one created last answers). wx-server-sdk must be
 * initialised first (realCloud() in tests/support/cloudbase-backend), as the api function does at load.
 */
export function useOpenApiBackend(backend: OpenApiBackend): void {
  current = backend;
  routeApiRequests('wx.openApi', async (_action, params) => {
    if (!current) throw new Error('no in-process open API backend');
    const requestData = params.requestData;
    if (!(requestData instanceof Uint8Array)) throw new Error('wx.openApi request without its protobuf body');
    return current.answer(String(params.apiName ?? ''), requestData);
  });
}
