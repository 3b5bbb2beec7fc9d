/**
 * Cloud storage for the REAL wx-server-sdk 4.0.2, in process: `cloud.uploadFile`, `cloud.downloadFile`,
 * `cloud.getTempFileURL` and `cloud.deleteFile` run their own code (wx-server-sdk's argument checks and error
 * mapping, @cloudbase/node-sdk's storage module: the upload's metadata request, the PUT of the bytes to the signed
 * URL, the temporary URL, the GET of it) and only the last hop is replaced, as for the database
 * (tests/support/cloudbase-backend). node-sdk's storage module reaches the network through two module functions,
 * called through their module objects at call time:
 * - `utils/tcbapirequester.request({ config, params })` for the API actions `storage.getUploadMetadata`,
 *   `storage.batchGetDownloadUrl` and `storage.batchDeleteFile` (routed here by tests/support/cloudbase-api-requester.ts);
 * - `utils/request-core.request(opts, cb)` for the HTTP PUT of an upload (node-sdk pipes the bytes into the request
 *   it returns) and the HTTP GET of a temporary URL.
 * Both are replaced (pinStorageTransport) on the exact module copies wx-server-sdk resolves. Anything else that
 * reaches them (another API action, another URL) is refused in process: nothing can leave the machine.
 *
 * The backend answers in the shapes node-sdk reads (its storage/index.js): getUploadMetadata → `data: { url, token,
 * authorization, fileId, cosFileId }`; batchGetDownloadUrl → `data.download_list: [{ fileID, tempFileURL, code }]`
 * (`code: 'SUCCESS'`, or STORAGE_FILE_NONEXIST with an empty URL); batchDeleteFile → `data.delete_list: [{ fileID,
 * code }]`. Temporary URLs are signed (HMAC of the path and the expiry) and expire after `maxAge` seconds as the
 * backend's clock runs: a GET of a forged, altered or expired URL is 403 (node-sdk's downloadFile then rejects).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { LatencyClock } from '../cloudbase-backend/clock';
import { networkDelay } from '../cloudbase-backend/limits';
import { nodeSdkUtils, sdkPaths } from '../cloudbase-backend/sdk-modules';
import { routeApiRequests } from '../cloudbase-api-requester';

const HOST = 'inproc-storage.invalid';
let backendCounter = 0;

export interface StorageBackendOptions {
  /** Milliseconds per request (half before the server acts, half before the answer arrives). Default 0. */
  latencyMs?: number;
  /** The backend's clock (temporary URLs expire by it). Default Date.now. */
  nowMs?: () => number;
  /** What latency is waited on (a SimulatedClock makes it virtual, as for the database backend). Default real time. */
  clock?: LatencyClock;
}

type ApiAnswer = { requestId: string; data?: unknown; code?: string; message?: string };

export class StorageBackend {
  readonly id = `b${process.pid}x${++backendCounter}`;
  private readonly files = new Map<string, Buffer>();
  private readonly uploads = new Map<string, string>();
  private readonly secret = randomBytes(32);
  private readonly latencyMs: number;
  private readonly nowMs: () => number;
  private readonly clock: LatencyClock | undefined;
  private seq = 0;
  readonly counters: Record<string, number> = {};

  constructor(options: StorageBackendOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.nowMs = options.nowMs ?? Date.now;
    this.clock = options.clock;
    backends.set(this.id, this);
    currentId = this.id;
  }

  /** The stored objects' paths (no request, not counted). */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  requests(): number {
    return Object.values(this.counters).reduce((a, b) => a + b, 0);
  }

  resetCounters(): void {
    for (const key of Object.keys(this.counters)) delete this.counters[key];
  }

  private count(what: string): void {
    this.counters[what] = (this.counters[what] ?? 0) + 1;
  }

  private fileIdOf(cloudPath: string): string {
    return `cloud://${this.id}.inproc-bucket/${cloudPath}`;
  }

  private pathOf(fileId: string): string | null {
    const prefix = `cloud://${this.id}.inproc-bucket/`;
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : null;
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex').slice(0, 32);
  }

  async api(action: string, params: Record<string, unknown>): Promise<ApiAnswer> {
    this.count(action);
    await networkDelay(this.latencyMs / 2, this.clock);
    const requestId = `inproc-storage-${++this.seq}`;
    let answer: ApiAnswer;
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = String(params.path ?? '');
        if (!cloudPath || cloudPath.startsWith('/')) {
          answer = { requestId, code: 'INVALID_PARAM', message: 'cloudPath must be a relative path' };
          break;
        }
        const token = randomBytes(12).toString('hex');
        this.uploads.set(token, cloudPath);
        answer = {
          requestId,
          data: { url: `https://${HOST}/${this.id}/upload/${token}`, token: `cos-token-${token}`, authorization: `q-sign-${token}`, fileId: this.fileIdOf(cloudPath), cosFileId: `cos-${token}` },
        };
        break;
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(params.file_list) ? (params.file_list as Array<{ fileid: string; max_age?: number }>) : [];
        answer = {
          requestId,
          data: {
            download_list: list.map((f) => {
              const p = this.pathOf(String(f.fileid));
              if (p === null || !this.files.has(p)) return { fileID: f.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
              const expires = Math.floor(this.nowMs() / 1000) + (Number(f.max_age) > 0 ? Number(f.max_age) : 7200);
              // Raw (not percent-encoded) like CloudBase's: node-sdk's downloadFile applies encodeURI itself.
              const url = `https://${HOST}/${this.id}/${p}?t=${expires}&sign=${this.sign(`${p}|${expires}`)}`;
              return { fileID: f.fileid, tempFileURL: url, code: 'SUCCESS' };
            }),
          },
        };
        break;
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(params.fileid_list) ? (params.fileid_list as string[]) : [];
        answer = {
          requestId,
          data: {
            delete_list: list.map((fileID) => {
              const p = this.pathOf(String(fileID));
              const existed = p !== null && this.files.delete(p);
              return existed ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST' };
            }),
          },
        };
        break;
      }
      default:
        answer = { requestId, code: 'INVALID_PARAM', message: `action ${action} is not answered by the in-process storage backend` };
    }
    await networkDelay(this.latencyMs / 2, this.clock);
    return answer;
  }

  /** The HTTP side (COS): a PUT to an upload URL, a GET of a temporary URL. */
  async http(method: string, url: URL, body: Buffer | null): Promise<{ statusCode: number; body: Buffer }> {
    this.count(`http.${method}`);
    await networkDelay(this.latencyMs / 2, this.clock);
    const rest = decodeURI(url.pathname).slice(`/${this.id}/`.length);
    let result: { statusCode: number; body: Buffer };
    if (method === 'put' && rest.startsWith('upload/')) {
      const cloudPath = this.uploads.get(rest.slice('upload/'.length));
      if (cloudPath === undefined || !body) result = { statusCode: 403, body: cosError('AccessDenied', 'upload URL not issued') };
      else {
        this.uploads.delete(rest.slice('upload/'.length));
        this.files.set(cloudPath, Buffer.from(body));
        result = { statusCode: 200, body: Buffer.alloc(0) };
      }
    } else if (method === 'get') {
      const expires = Number(url.searchParams.get('t'));
      const valid = url.searchParams.get('sign') === this.sign(`${rest}|${expires}`);
      if (!valid || !(expires * 1000 > this.nowMs())) result = { statusCode: 403, body: cosError('AccessDenied', valid ? 'Request has expired' : 'signature mismatch') };
      else if (!this.files.has(rest)) result = { statusCode: 404, body: cosError('NoSuchKey', 'The specified key does not exist.') };
      else result = { statusCode: 200, body: Buffer.from(this.files.get(rest)!) };
    } else {
      result = { statusCode: 405, body: cosError('MethodNotAllowed', method) };
    }
    await networkDelay(this.latencyMs / 2, this.clock);
    return result;
  }
}

function cosError(code: string, message: string): Buffer {
  return Buffer.from(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>inproc</RequestId><TraceId>inproc</TraceId></Error>`);
}

const backends = new Map<string, StorageBackend>();
/** The backend created last: API requests go to it (HTTP requests name theirs in the URL). */
let currentId: string | null = null;

interface RequestCoreModule {
  request: (opts: { method: string; url: string }, cb: (err: Error | null, res?: unknown, body?: unknown) => void) => unknown;
}

let pinned: RequestCoreModule | null = null;

/**
 * Replaces node-sdk's two network functions (on the copies wx-server-sdk resolves) with the in-process backend.
 * Idempotent. API requests go to the backend created last; HTTP requests to the backend their URL names.
 *
 * Also settles, without a lookup, node-sdk's "am I on Tencent Cloud?" probe: wx-server-sdk creates the storage's
 * node-sdk instance lazily, at the first storage call, and a new instance probes an HTTP metadata host unless the
 * probe has run once already. It is run here once with TENCENTCLOUD=true for its synchronous span (as the database
 * factory does for `cloud.init`), and awaited, so every later instance skips it.
 */
export async function pinStorageTransport(): Promise<void> {
  const utils = path.join(path.dirname(sdkPaths().nodeSdk), 'utils');
  const platform = require(path.join(utils, 'cloudplatform.js')) as { preflightRuntimeCloudPlatform(): Promise<void> };
  const before = process.env.TENCENTCLOUD;
  process.env.TENCENTCLOUD = 'true';
  let preflight: Promise<void>;
  try {
    preflight = platform.preflightRuntimeCloudPlatform();
  } finally {
    if (before === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = before;
  }
  await preflight;
  const core = require(path.join(utils, 'request-core.js')) as RequestCoreModule;
  if (pinned === core) return;
  routeApiRequests('storage.', async (action, params) => {
    const current = currentId ? backends.get(currentId) : undefined;
    if (!current) {
      return nodeSdkUtils().processReturn({ requestId: 'inproc-refused', code: 'INVALID_PARAM', message: `in-process storage: ${action} refused (no backend)` });
    }
    const answer = await current.api(action, params);
    if (answer.code) return nodeSdkUtils().processReturn(answer);
    return answer;
  });
  core.request = (opts, cb) => {
    const req = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    const chunks: Buffer[] = [];
    let url: URL | null = null;
    try {
      url = new URL(opts.url);
    } catch {
      url = null;
    }
    const backend = url && url.hostname === HOST ? backends.get(url.pathname.split('/')[1] ?? '') : undefined;
    const answer = (body: Buffer | null) => {
      if (!backend || !url) {
        setImmediate(() => cb(new Error(`in-process storage: ${opts.method} ${opts.url} refused (no network here)`)));
        return;
      }
      void backend.http(opts.method.toLowerCase(), url, body).then((r) => cb(null, { statusCode: r.statusCode, headers: {} }, r.body));
    };
    if (opts.method.toLowerCase() === 'get') {
      answer(null);
      return Object.assign(new EventEmitter(), { end() {} });
    }
    req.on('finish', () => answer(Buffer.concat(chunks)));
    return req;
  };
  pinned = core;
}
