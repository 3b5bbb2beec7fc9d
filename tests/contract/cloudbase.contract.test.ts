import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import { runCheckinContract } from './checkin-contract';
import { runBulkContract } from './bulk-contract';
import { runCommitteeContract } from './committee-contract';
import { runCreditsContract } from './credits-contract';
import { runIdentityContract } from './identity-contract';
import { runPeopleContract } from './people-contract';
import { runContestContract } from './contest-contract';
import { runWebLoginContract } from './web-login-contract';
import { runStorageContract, type StorageHarness } from './storage-contract';

/**
 * The CloudBase adapter on the in-memory stand-in of wx-server-sdk's database (server/storage/cloudbase/fake-wx-db.ts),
 * once with the SDK's default `throwOnNotFound: true` and once with `false`, as the cloud function configures it.
 */
function cloudbaseHarness(throwOnNotFound: boolean) {
  return async (): Promise<StorageHarness> => {
    const db = new FakeWxDb({ throwOnNotFound });
    // The contract checks outcomes, not the retry budget (tested in cloudbase-ops.test.ts): with 60 sign-ups in one
    // tick on a loaded CI machine the slowest one needed all of the default 8 attempts, so give it room.
    const storage = new CloudbaseStorage(db, { maxAttempts: 25 });
    return {
      storage,
      failNextRegistrationWrite: () => db.failNext(['add', 'update', 'set'], 'registrations'),
      dropCreditTotals: async (no) => {
        await db.collection('creditTotals').doc(no).remove();
      },
      opCount: () => db.opCount(),
      resetOpCount: () => db.resetOpCount(),
      cleanup: () => storage.close(),
    };
  };
}

runStorageContract('cloudbase (stand-in)', cloudbaseHarness(true));
runStorageContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runIdentityContract('cloudbase (stand-in)', cloudbaseHarness(true));
runPeopleContract('cloudbase (stand-in)', cloudbaseHarness(true));
runIdentityContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runPeopleContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runWebLoginContract('cloudbase (stand-in)', cloudbaseHarness(true));
runWebLoginContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runCheckinContract('cloudbase (stand-in)', cloudbaseHarness(true));
runCheckinContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runCreditsContract('cloudbase (stand-in)', cloudbaseHarness(true));
runCreditsContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runCommitteeContract('cloudbase (stand-in)', cloudbaseHarness(true));
runCommitteeContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runBulkContract('cloudbase (stand-in)', cloudbaseHarness(true));
runContestContract('cloudbase (stand-in)', cloudbaseHarness(true));
runBulkContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runContestContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));

describe('cloudbase: event documents written before the committee\'s tools', () => {
  it('read with no details, everyone as audience, no approval, created by system, changed when sign-up opened, no cancel reason', async () => {
    const db = new FakeWxDb({ throwOnNotFound: false });
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
    });
  });
});
