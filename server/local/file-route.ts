import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure, type ApiResult } from '../../types';
import type { DiskFileStore } from '../storage/disk/file-store';

/**
 * `GET /files/<token>`: a download link the API answered (an export, a problem report). The token is checked by
 * the file store (its HMAC and its time, see server/storage/disk/file-store.ts): a link nobody was given is 404
 * whatever it looks like, an expired one 410. The file goes out as an attachment under its own name, never cached,
 * never sniffed into something a browser would run.
 */
export async function serveFile(
  files: DiskFileStore | undefined,
  token: string,
  now: Date,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const found = files ? await files.resolve(token, now) : ({ ok: false, reason: 'unknown' } as const);
  if (!found.ok) {
    return found.reason === 'expired'
      ? refuse(res, 410, failure('FILE_NOT_FOUND', '下载链接已过期，请重新导出'))
      : refuse(res, 404, failure('FILE_NOT_FOUND', '文件不存在或链接不正确'));
  }
  const { file } = found;
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // A cover (an image the upload checked by its bytes) is shown in the page, and may be cached by this browser for as
  // long as its link lasts (the same link all hour, server/features/files/cover-links.ts); anything else is a download.
  const image = /^image\/(png|jpeg|webp)$/.test(file.contentType);
  const linkSeconds = Math.max(0, Math.floor(linkUntil(token) - now.getTime() / 1000));
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.size,
    'content-disposition': `${image ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': image ? `private, max-age=${linkSeconds}` : 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(found.path);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}

/** The last second a (checked) link is good for: its middle part, base 36. */
function linkUntil(token: string): number {
  return parseInt(token.split('.')[1] ?? '0', 36);
}

function refuse(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
