import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Serves the H5 build. The app routes by hash, so every unknown path gets index.html. Paths never leave `root`. */
export async function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const base = path.resolve(root);
  let decoded = urlPath;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    /* a malformed escape names no file: index.html below */
  }
  let file = path.resolve(base, '.' + decoded);
  if (file !== base && !file.startsWith(base + path.sep)) file = path.join(base, 'index.html');
  let stat = await fs.stat(file).catch(() => null);
  if (!stat || stat.isDirectory()) {
    file = path.join(base, 'index.html');
    stat = await fs.stat(file).catch(() => null);
  }
  if (!stat) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('H5 尚未构建：请先运行 npm run build:h5');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
