import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase, type BackendOptions } from '../support/cloudbase-backend';
import { makeEvent, makeStudents, NOW, studentNo } from '../support/factories';
import { runCheckinContract } from './checkin-contract';
import { runBulkContract } from './bulk-contract';
import { runContestContract } from './contest-contract';
import { runCommitteeContract } from './committee-contract';
import { runCreditsContract } from './credits-contract';
import { runIdentityContract } from './identity-contract';
import { runWebLoginContract } from './web-login-contract';
import { runSharingPrivacyContract } from './sharing-privacy-contract';
import { runStorageContract, type StorageHarness } from './storage-contract';

/**
 * The CloudBase adapter on the REAL wx-server-sdk under the limits a deployment may have and the default run
 * (cloudbase-real-sdk.contract.test.ts) models generously:
 * - the server answers at most PAGE_CAP documents a `get()` page, far below what the adapter asks (100 a page; 1000
 *   for the dashboard's events; up to 500 for the audit log). The docs say 1000, older docs and community tests 100:
 *   the adapter must never take a short page for the end (it stops at an empty page, or at what it was asked for);
 * - documents whose sort keys tie come back in any order, which may change from one request to the next (MongoDB's
 *   rule; the backend's `unorderedTies`): every sort the adapter pages through by `skip` needs a unique tie-breaker;
 * - no `structuredClone`, as on CloudBase's Nodejs16.13 runtime (removed from this file's global, which jest keeps
 *   apart from every other test file's).
 * The six contract suites run once, with `throwOnNotFound: false` as the `api` function configures it; then the
 * cases first seen on the real SDK, at their own scale. `CLOUDBASE_PAGE_CAP=<n>` runs the suites with another cap.
 */
const PAGE_CAP = Number(process.env.CLOUDBASE_PAGE_CAP) || 3;
delete (globalThis as { structuredClone?: unknown }).structuredClone;

function deployed(options: Partial<BackendOptions> = {}) {
  const backend = new CloudbaseBackend({ latencyMs: 0, maxPageSize: PAGE_CAP, unorderedTies: true, ...options });
  // The adapter's own page sizes (its defaults), not the server's cap: the point is that they differ. What the
  // adapter may assume of the server's smallest page (100 in production) scales down with the cap.
  const cap = options.maxPageSize ?? PAGE_CAP;
  const db = createRealSdkDatabase(backend, { throwOnNotFound: false });
  const storage = new CloudbaseStorage(db, { maxAttempts: 25, serverPageFloor: Math.min(100, cap) });
  return { backend, storage, db };
}

async function harness(): Promise<StorageHarness> {
  const { backend, storage, db } = deployed();
  return {
    storage,
    failNextRegistrationWrite: () => backend.failNext(['insertDocument', 'modifyDocument'], 'registrations'),
    dropCreditTotals: async (no) => {
      await db.collection('creditTotals').doc(no).remove();
    },
    opCount: () => backend.opCount(),
    resetOpCount: () => backend.resetOpCount(),
    cleanup: async () => {
      await storage.close();
      expect(backend.counters().queriesInTransaction).toBe(0);
      expect(backend.openTransactions()).toBe(0);
    },
  };
}

const label = `cloudbase (real SDK, ${PAGE_CAP} a page, unordered ties, no structuredClone)`;
runStorageContract(label, harness);
runIdentityContract(label, harness);
runWebLoginContract(label, harness);
runCheckinContract(label, harness);
runCreditsContract(label, harness);
runCommitteeContract(label, harness);
runBulkContract(label, harness);
runContestContract(label, harness);
runSharingPrivacyContract(label, harness);

describe('cloudbase (real SDK): the cases first seen with the server\'s page cap below the adapter\'s', () => {
  it('counts all 150 events of the year on the dashboard when the server answers 100 a page and the adapter asks 1000', async () => {
    const { storage } = deployed({ maxPageSize: 100 });
    await storage.putEvents(Array.from({ length: 150 }, (_, i) => makeEvent({ id: `ev-${String(i).padStart(3, '0')}` })));
    const year = await storage.dashboardAggregates(new Date('2025-12-31T16:00:00.000Z'), new Date('2026-12-31T16:00:00.000Z'), null);
    expect(year.byCategoryMonth.reduce((sum, cell) => sum + cell.events, 0)).toBe(150);
  });

  it('lists every event and registration once when their sort keys tie across pages', async () => {
    const { storage } = deployed();
    const ids = Array.from({ length: 12 }, (_, i) => `ev-${String(i).padStart(2, '0')}`);
    await storage.putStudents(makeStudents(1));
    await storage.putEvents(ids.map((id) => makeEvent({ id, capacity: 5 }))); // one start time for all
    for (const id of ids) await storage.signUp(id, studentNo(1), NOW); // one creation time for all
    expect((await storage.listEvents({})).map((e) => e.id).sort()).toEqual(ids);
    expect((await storage.listActiveRegistrationsOfStudent(studentNo(1))).map((r) => r.eventId).sort()).toEqual(ids);
  });

  it('answers the newest audit entries up to the limit asked, across pages', async () => {
    const { storage } = deployed();
    const at = (i: number) => new Date(NOW.getTime() + i * 60_000).toISOString();
    await storage.putStudents(makeStudents(12));
    for (let i = 1; i <= 12; i++) {
      await storage.grantRole(
        { openid: `o-${i}`, role: 'branch_officer', scope: 'b', grantedBy: 'admin', grantedAt: at(i) },
        { at: at(i), actor: 'admin', action: 'grantRole', target: `o-${i}`, detail: '{}' },
      );
    }
    expect((await storage.listAudit(10)).map((a) => a.target)).toEqual(Array.from({ length: 10 }, (_, k) => `o-${12 - k}`));
    expect(await storage.listAudit(500)).toHaveLength(12);
  });
});
