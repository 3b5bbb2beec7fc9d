import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { failure, httpStatusOf, isActionName, type ActionName, type ApiResult } from '../../types';
import { dispatch, type Caller } from '../dispatch';
import type { CheckinKeyring } from '../security/checkin-keys';
import type { StoragePort } from '../storage/ports';
import type { DiskFileStore } from '../storage/disk/file-store';
import type { MiniCodeMaker } from '../features/sharing/mini-codes';
import { describeActions } from './describe-actions';
import { serveFile } from './file-route';
import { serveStatic } from './static-files';

export interface LocalServerOptions {
  storage: StoragePort;
  /** Demo mode honours X-Demo-User; never enable it on a server reachable by real users. */
  demoMode: boolean;
  /** Folder of the H5 build to serve at /, or null to serve the API only. */
  staticDir: string | null;
  now?: () => Date;
  /** Key of the keyed hash of students' ID digits (see server/security/second-factor.ts). */
  idHashKey?: string;
  /** The check-in keys (see server/security/checkin-keys.ts); without them check-in actions answer INTERNAL. */
  checkinKeys?: CheckinKeyring;
  /** Host names (besides IP literals and localhost) that may reach a demo-mode server: ALLOWED_HOSTS. */
  allowedHosts?: readonly string[];
  /** Uploads and exports (DATA_DIR/files), served at GET /files/<token>; without it, file actions answer INTERNAL. */
  files?: DiskFileStore;
  /** Time budget of a call working through a bulk job (HandlerContext.jobBudgetMs). */
  jobBudgetMs?: number;
  /** Poster codes: plain QR codes of the H5 event page (local-mini-codes.ts); without it getEventPoster answers INTERNAL. */
  miniCodes?: MiniCodeMaker;
}

/**
 * Requests larger than this are refused before parsing: no action needs more, except a part of an upload (48 KiB of
 * file as 64 KiB of base64) and an officer's offline scans (up to 100 codes of ~400 characters each, uploaded at
 * once). Every file travels in parts, so no request is ever larger than these.
 * A Map, not an object literal: a lookup by a name taken from the URL must never find `constructor` or `__proto__`.
 */
const MAX_BODY_BYTES = 64 * 1024;
const BODY_LIMITS: ReadonlyMap<ActionName, number> = new Map<ActionName, number>([
  ['uploadPart', 96 * 1024],
  ['recordScans', 96 * 1024],
]);

export function bodyLimitOf(action: ActionName): number {
  return BODY_LIMITS.get(action) ?? MAX_BODY_BYTES;
}

/**
 * The local server's public HTTP contract: `POST /api/<action>` with a JSON body answers `{ ok, data | code, message }`
 * with a fitting status; `GET /api` lists every action with the JSON Schema of its input. It calls the same
 * `dispatch` as the cloud function, so behaviour cannot drift between the two.
 *
 * No request can take the process down: an unknown action is refused before its body is read, a body over its
 * action's limit is refused as soon as it crosses it (and the rest is not read), and a failure while reading (an
 * aborted upload) ends that request only.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const now = options.now ?? (() => new Date());
  const listing = JSON.stringify(describeActions());
  const hostAllowed = hostCheck(options.allowedHosts ?? []);
  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[local-server] unexpected', error);
      if (!res.headersSent) send(res, failure('INTERNAL'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // In demo mode anyone reaching the server may act as the committee, so a page on another site must not reach it
    // through DNS rebinding (its own name resolving to 127.0.0.1): only IP literals, localhost and configured names.
    if (options.demoMode && !hostAllowed(req.headers.host)) {
      return refuseEarly(req, res, failure('FORBIDDEN', '演示服务只接受本机或已配置的地址访问'), 403);
    }
    // Only the path matters (no query strings in this API); splitting is cheaper than new URL() on the hot path.
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname === '/api' || pathname === '/api/') {
      if (req.method !== 'GET') return refuseEarly(req, res, failure('INVALID_INPUT', '请使用 GET /api 查看接口列表'), 405);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(listing);
      return;
    }
    if (pathname.startsWith('/files/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuseEarly(req, res, failure('INVALID_INPUT', '文件只能下载'), 405);
      return serveFile(options.files, safeDecode(pathname.slice('/files/'.length)), now(), req, res);
    }
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuseEarly(req, res, failure('INVALID_INPUT', '接口只接受 POST 请求'), 405);
      const action = safeDecode(pathname.slice('/api/'.length));
      if (!isActionName(action)) return refuseEarly(req, res, failure('UNKNOWN_ACTION'));
      const body = await readBody(req, bodyLimitOf(action));
      if (body === 'aborted') return;
      if (body === 'too-large') return refuseEarly(req, res, failure('INVALID_INPUT', '提交的内容过大'), 413);
      let payload: unknown = {};
      if (body.length > 0) {
        try {
          payload = JSON.parse(body);
        } catch {
          return send(res, failure('INVALID_INPUT', '提交的内容不是合法的 JSON'));
        }
      }
      const result = await dispatch({ action, payload }, {
        storage: options.storage,
        caller: callerOf(req, options.demoMode),
        now,
        demoMode: options.demoMode,
        idHashKey: options.idHashKey,
        checkinKeys: options.checkinKeys,
        // The peer's address, never a header: locally nothing stands in front of this server, so a forwarded-for
        // header would only be the caller's own claim (and would let one caller dodge the verify rate limit).
        clientAddress: req.socket.remoteAddress,
        files: options.files,
        jobBudgetMs: options.jobBudgetMs,
        miniCodes: options.miniCodes,
      });
      return send(res, result);
    }
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStatic(options.staticDir, pathname, req, res);
    }
    refuseEarly(req, res, failure('NOT_FOUND', '页面不存在'), 404);
  }
}

/**
 * The acting user: in demo mode the X-Demo-User header, if sent; else a web session (`Authorization: Bearer
 * <token>`, checked by the handlers); else nobody. Outside demo mode X-Demo-User is ignored.
 */
export function callerOf(req: IncomingMessage, demoMode: boolean): Caller {
  const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,128})$/.exec(req.headers.authorization ?? '');
  const session: Caller = bearer ? { kind: 'session', token: bearer[1] } : { kind: 'anonymous' };
  if (!demoMode) return session;
  const header = req.headers['x-demo-user'];
  const user = (Array.isArray(header) ? header[0] : header)?.trim();
  return user ? { kind: 'demo', user: safeDecode(user) } : session;
}

/** A malformed %-escape is kept as typed: it then names no action or user, which is answered as such. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The body as text, or why there is none. Crossing the limit answers at once (the caller refuses, and the rest of
 * the body is never buffered); an aborted or broken upload answers 'aborted' and logs one line, never a stack.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: string | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle('too-large');
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => {
      if (!settled) console.warn(`[local-server] ${req.url ?? ''}: request body not received (${error.message})`);
      settle('aborted');
    });
    req.on('aborted', () => settle('aborted'));
  });
}

/**
 * Answers before (or instead of) reading the request's body. The connection is closed after the answer, and if the
 * client is still sending, the socket is ended once the answer is out: what was not read is never read.
 */
function refuseEarly(req: IncomingMessage, res: ServerResponse, result: ApiResult<unknown>, status?: number): void {
  if (!req.complete) {
    res.setHeader('connection', 'close');
    res.once('finish', () => {
      if (!req.complete) req.socket.destroySoon();
    });
    // Whatever the client already sent is discarded without being kept.
    req.resume();
  }
  send(res, result, status);
}

/** DNS-rebinding guard: a Host that is an IP literal, localhost, or one of the configured names. */
function hostCheck(configured: readonly string[]): (host: string | undefined) => boolean {
  const names = new Set(['localhost', ...configured.map((h) => h.trim().toLowerCase()).filter(Boolean)]);
  return (host) => {
    if (!host) return false;
    const name = hostnameOf(host.toLowerCase());
    return names.has(name) || isIP(name.replace(/^\[|\]$/g, '')) !== 0;
  };
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function send(res: ServerResponse, result: ApiResult<unknown>, status?: number): void {
  const code = status ?? (result.ok ? 200 : httpStatusOf(result.code));
  const body = JSON.stringify(result);
  res.writeHead(code, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
