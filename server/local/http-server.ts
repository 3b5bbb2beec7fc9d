import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { failure, httpStatusOf, type ApiResult } from '../../types';
import { dispatch, type Caller } from '../handlers';
import type { CheckinKeyring } from '../security/checkin-keys';
import type { StoragePort } from '../storage/port';
import { describeActions } from './describe-actions';
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
}

/**
 * Requests larger than this are refused before parsing: no action needs more, except file uploads (a roster, bulk
 * credit awards) and an officer's offline scans (up to 500 codes of ~400 characters each, uploaded at once).
 */
const MAX_BODY_BYTES = 64 * 1024;
const BODY_LIMITS: Partial<Record<string, number>> = {
  importRoster: 15 * 1024 * 1024,
  importCreditAwards: 15 * 1024 * 1024,
  recordScans: 1024 * 1024,
};

/**
 * The local server's public HTTP contract: `POST /api/<action>` with a JSON body answers `{ ok, data | code, message }`
 * with a fitting status; `GET /api` lists every action with the JSON Schema of its input. It calls the same
 * `dispatch` as the cloud function, so behaviour cannot drift between the two.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const now = options.now ?? (() => new Date());
  const listing = JSON.stringify(describeActions());
  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[local-server] unexpected', error);
      if (!res.headersSent) send(res, failure('INTERNAL'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only the path matters (no query strings in this API); splitting is cheaper than new URL() on the hot path.
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname === '/api' || pathname === '/api/') {
      if (req.method !== 'GET') return send(res, failure('INVALID_INPUT', '请使用 GET /api 查看接口列表'), 405);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(listing);
      return;
    }
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, failure('INVALID_INPUT', '接口只接受 POST 请求'), 405);
      }
      const action = safeDecode(pathname.slice('/api/'.length));
      const body = await readBody(req, BODY_LIMITS[action] ?? MAX_BODY_BYTES);
      if (body === 'too-large') return send(res, failure('INVALID_INPUT', '提交的内容过大'), 413);
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
      });
      return send(res, result);
    }
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStatic(options.staticDir, pathname, req, res);
    }
    send(res, failure('NOT_FOUND', '页面不存在'), 404);
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

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
