import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attendanceKeyBase } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { runCheckinContract } from './checkin-contract';
import { runBulkContract } from './bulk-contract';
import { runCommitteeContract } from './committee-contract';
import { runCreditsContract } from './credits-contract';
import { runIdentityContract } from './identity-contract';
import { runPeopleContract } from './people-contract';
import { runContestContract } from './contest-contract';
import { runSharingPrivacyContract } from './sharing-privacy-contract';
import { runWebLoginContract } from './web-login-contract';
import { NOW, makeStudents, studentNo } from '../support/factories';
import { runStorageContract, type StorageHarness } from './storage-contract';

/**
 * The embedded adapter on a fresh temp file per test. A failure in the middle of a sign-up is a real SQLite trigger
 * that aborts the registration write (INSERT or UPDATE) after the event's counters were written. It stays armed for
 * the whole of the next sign-up or cancel call (so that an adapter that replays a failed job meets it again) and is
 * disarmed when that call settles. A JS flag decides, since SQL state would be rolled back with the write.
 */
async function makeSqliteHarness(): Promise<StorageHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-sqlite-'));
  const storage = new SqliteStorage({ file: join(dir, 'test.db'), synchronous: 'NORMAL' });
  let armed = false;
  storage.db.function('contract_failing', () => (armed ? 1 : 0));
  for (const when of ['INSERT', 'UPDATE']) {
    storage.db.exec(`CREATE TEMP TRIGGER contract_fail_${when.toLowerCase()} BEFORE ${when} ON main.registrations
      WHEN contract_failing() = 1 BEGIN SELECT RAISE(ABORT, 'injected failure (contract harness)'); END`);
  }
  const disarmAfter = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } finally {
        armed = false;
      }
    };
  const facade: StoragePort = Object.assign(Object.create(storage) as StoragePort, {
    signUp: disarmAfter(storage.signUp.bind(storage)),
    cancel: disarmAfter(storage.cancel.bind(storage)),
  });
  return {
    storage: facade,
    failNextRegistrationWrite: () => {
      armed = true;
    },
    dropCreditTotals: async (no) => {
      storage.db.prepare('DELETE FROM credit_totals WHERE student_no = ?').run(no);
    },
    cleanup: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStorageContract('sqlite', makeSqliteHarness);
runIdentityContract('sqlite', makeSqliteHarness);
runPeopleContract('sqlite', makeSqliteHarness);
runSharingPrivacyContract('sqlite', makeSqliteHarness);
runWebLoginContract('sqlite', makeSqliteHarness);
runCheckinContract('sqlite', makeSqliteHarness);
runCreditsContract('sqlite', makeSqliteHarness);
runCommitteeContract('sqlite', makeSqliteHarness);
runBulkContract('sqlite', makeSqliteHarness);
runContestContract('sqlite', makeSqliteHarness);

describe('sqlite: the ledger is append-only in the database itself', () => {
  it('refuses UPDATE and DELETE of ledger rows, even by hand', async () => {
    const harness = await makeSqliteHarness();
    const storage = harness.storage as SqliteStorage;
    try {
      await storage.putStudents(makeStudents(1));
      const base = attendanceKeyBase('ev-lecture', studentNo(1));
      await storage.settleCredit(studentNo(1), base, {
        base, studentNo: studentNo(1), module: 'ideology', amount: 50, hours: 0, sourceType: 'attendance',
        eventId: 'ev-lecture', rule: 'fixed 0.5 学分', reason: null, confirmedBy: 'system', at: NOW.toISOString(),
      }, 'system', '签到确认', NOW);
      expect(() => storage.db.prepare('UPDATE ledger SET amount = 5000').run()).toThrow('append-only');
      expect(() => storage.db.prepare('DELETE FROM ledger').run()).toThrow('append-only');
      expect((await storage.listLedger(studentNo(1))).map((e) => e.amount)).toEqual([50]);
    } finally {
      await harness.cleanup();
    }
  });
});
