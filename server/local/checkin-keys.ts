import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyringConfig, keyringFromConfig, type CheckinKeyring } from '../security/checkin-keys';

/**
 * The check-in keys for local use: CHECKIN_KEYS (the same JSON as on CloudBase), or a keyring generated on first
 * start and kept in DATA_DIR/checkin-keys.json, readable by the owner only — beside the database, which is fine for
 * a local demo only. Passes issued before a restart stay valid because the file outlives the process.
 */
export function localCheckinKeys(dataDir: string): CheckinKeyring {
  if (process.env.CHECKIN_KEYS) return keyringFromConfig(process.env.CHECKIN_KEYS);
  const file = path.join(dataDir, 'checkin-keys.json');
  if (!existsSync(file)) {
    // 'wx' refuses to overwrite a file another process created meanwhile; that one is then read below.
    try {
      writeFileSync(file, generateKeyringConfig(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  return keyringFromConfig(readFileSync(file, 'utf8'));
}
