import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key of the keyed hash of students' ID digits for local use: ID_HASH_KEY, or one generated on first use and
 * kept in DATA_DIR/id-hash.key (readable by the owner only) — beside the database, which is fine for a local demo
 * only. The server and the roster command share it, so hashes written by one are checked by the other.
 */
export function localIdHashKey(dataDir: string): string {
  if (process.env.ID_HASH_KEY) return process.env.ID_HASH_KEY;
  const file = path.join(dataDir, 'id-hash.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
