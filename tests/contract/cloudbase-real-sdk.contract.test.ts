import { currentBlockRule } from '../../server/features/conduct/block-rule';
import { dispatch } from '../../server/dispatch';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import { makeEvent, makeStudents, NOW } from '../support/factories';
import { runCheckinContract } from './checkin-contract';
import { runBulkContract } from './bulk-contract';
import { runCommitteeContract } from './committee-contract';
import { runCreditsContract } from './credits-contract';
import { runIdentityContract } from './identity-contract';
import { runPeopleContract } from './people-contract';
import { runFairnessContract } from './fairness-contract';
import { runContestContract } from './contest-contract';
import { runSharingPrivacyContract } from './sharing-privacy-contract';
import { runWebLoginContract } from './web-login-contract';
import { runStorageContract, type StorageHarness } from './storage-contract';

/**
 * The CloudBase adapter on the REAL wx-server-sdk 4.0.2, whose requests reach the in-process backend
 * (tests/support/cloudbase-backend): the SDK's own query building, serialisation, result parsing and error mapping,
 * and the platform's behaviour as modelled there (conflicts at the write, snapshot reads, page caps, 20 results of an
 * aggregation without a limit). Once with the SDK's default `throwOnNotFound: true` and once with `false`, as the
 * cloud function configures it. (The hand-written stand-in these suites also ran on is retired: this is the one
 * CloudBase harness, with the deployment-limits variant below.)
 *
 * The same suites run under a deployment's harsher limits (the server's page cap far below what the adapter asks,
 * ties of a sort in any order, no structuredClone) in cloudbase-deploy-limits.contract.test.ts.
 */

function realSdkHarness(throwOnNotFound: boolean) {
  return async (): Promise<StorageHarness> => {
    const backend = new CloudbaseBackend({ latencyMs: 0 });
    const db = createRealSdkDatabase(backend, { throwOnNotFound });
    // The contract checks outcomes, not the retry budget (tested in cloudbase-ops.test.ts): with 60 sign-ups in one
    // tick on a loaded CI machine the slowest one needed all of the default attempts, so give it room.
    const storage = new CloudbaseStorage(db, { maxAttempts: 25 });
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
        // The adapter keeps queries out of its transactions (docs/cloudbase.md): none arrived with a transaction id.
        expect(backend.counters().queriesInTransaction).toBe(0);
        expect(backend.openTransactions()).toBe(0);
      },
    };
  };
}

runStorageContract('cloudbase (real SDK)', realSdkHarness(true));
runStorageContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runIdentityContract('cloudbase (real SDK)', realSdkHarness(true));
runPeopleContract('cloudbase (real SDK)', realSdkHarness(true));
runFairnessContract('cloudbase (real SDK)', realSdkHarness(true));
runIdentityContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runPeopleContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runFairnessContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runSharingPrivacyContract('cloudbase (real SDK)', realSdkHarness(true));
runSharingPrivacyContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runWebLoginContract('cloudbase (real SDK)', realSdkHarness(true));
runWebLoginContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runCheckinContract('cloudbase (real SDK)', realSdkHarness(true));
runCheckinContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runCreditsContract('cloudbase (real SDK)', realSdkHarness(true));
runCreditsContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runCommitteeContract('cloudbase (real SDK)', realSdkHarness(true));
runCommitteeContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runBulkContract('cloudbase (real SDK)', realSdkHarness(true));
runContestContract('cloudbase (real SDK)', realSdkHarness(true));
runBulkContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));
runContestContract('cloudbase (real SDK, throwOnNotFound: false)', realSdkHarness(false));

describe('cloudbase (real SDK): requests per sign-up, as the platform bills them', () => {
  it('a confirmed sign-up is 3 document requests and 2 transaction requests; the warm handler action adds none', async () => {
    const backend = new CloudbaseBackend({ latencyMs: 0 });
    const storage = new CloudbaseStorage(createRealSdkDatabase(backend, { throwOnNotFound: false }));
    await storage.putStudents(makeStudents(10));
    await storage.putEvents([makeEvent({ id: 'ev', capacity: 2 })]);
    const ctx = { storage, caller: { kind: 'wechat' as const, openid: 'openid-1' }, now: () => NOW, demoMode: false };
    await dispatch({ action: 'getMe', payload: {} }, ctx); // the container has met this caller before
    await currentBlockRule(storage, NOW); // and read the sign-up block rule this minute (off: no block is read)
    backend.resetCounters();
    await dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, ctx);
    const warm = backend.counters();
    expect(warm.byAction).toEqual({
      'database.startTransaction': 1,
      'database.getDocument': 1,
      'database.modifyDocument': 1,
      'database.insertDocument': 1,
      'database.commitTransaction': 1,
    });
    expect(warm.documentOps).toBe(3);
    expect(warm.requests).toBe(5);
    // A caller this container has not met yet, in a container that has not read the block rule yet: one more query
    // (openid → student number) and one read of the rule (remembered for a minute).
    backend.resetCounters();
    await dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, { ...ctx, storage: new CloudbaseStorage(createRealSdkDatabase(backend)), caller: { kind: 'wechat', openid: 'openid-2' } });
    expect(backend.counters()).toMatchObject({ documentOps: 5, requests: 7 });
    await storage.close();
  });
});

describe('cloudbase (real SDK): event documents written before the committee\'s tools', () => {
  it('read with no details, everyone as audience, no approval, created by system, changed when sign-up opened, no cancel reason', async () => {
    const db = createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false });
    const storage = new CloudbaseStorage(db);
    // Only the fields of the first release.
    await db.collection('events').doc('ev-old').set({
      data: {
        title: '老活动', category: 'theme', tag: '主题教育', organizer: '校团委', location: '礼堂', description: '',
        startAt: '2025-10-01T02:00:00.000Z', endAt: '2025-10-01T04:00:00.000Z', signupStartAt: '2025-09-20T00:00:00.000Z',
        signupEndAt: '2025-09-30T00:00:00.000Z', cancelDeadlineAt: '2025-09-30T00:00:00.000Z', capacity: 100,
        waitlistEnabled: false, credits: 0.5, status: 'published', seatsLeft: 100, waitlistCount: 0, waitlistSeq: 0,
      },
    });
    expect(await storage.getEvent('ev-old')).toMatchObject({
      details: null,
      audience: { colleges: [], grades: [], leagueMembersOnly: false },
      approvalRequired: false,
      createdBy: 'system',
      updatedAt: '2025-09-20T00:00:00.000Z',
      cancelReason: null,
      coverFileId: null,
    });
    await storage.close();
  });
});
