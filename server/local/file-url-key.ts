import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that signs the local server's download links (server/storage/disk/file-store.ts): FILE_URL_KEY, or one
 * generated on first use and kept in DATA_DIR/file-url.key (readable by the owner only). Replacing it voids every
 * link handed out (they last ten minutes anyway).
 */
export function localFileUrlKey(dataDir: string): string {
  if (process.env.FILE_URL_KEY) return process.env.FILE_URL_KEY;
  const file = path.join(dataDir, 'file-url.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
