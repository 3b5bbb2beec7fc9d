import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { runStorageContract, type StorageHarness } from './storage-contract';

/**
 * The embedded adapter on a fresh temp file per test. A failure in the middle of a sign-up is a real SQLite trigger
 * that aborts the registration write once (a JS flag decides, since SQL state would be rolled back with the write).
 */
async function makeSqliteHarness(): Promise<StorageHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-sqlite-'));
  const storage = new SqliteStorage({ file: join(dir, 'test.db'), synchronous: 'NORMAL' });
  let armed = false;
  storage.db.function('contract_fail_once', () => {
    if (!armed) return 0;
    armed = false;
    return 1;
  });
  for (const when of ['INSERT', 'UPDATE']) {
    storage.db.exec(`CREATE TEMP TRIGGER contract_fail_${when.toLowerCase()} BEFORE ${when} ON main.registrations
      WHEN contract_fail_once() = 1 BEGIN SELECT RAISE(ABORT, 'injected failure (contract harness)'); END`);
  }
  return {
    storage,
    failNextRegistrationWrite: () => {
      armed = true;
    },
    cleanup: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStorageContract('sqlite', makeSqliteHarness);
