import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import { runCheckinContract } from './checkin-contract';
import { runIdentityContract } from './identity-contract';
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
      opCount: () => db.opCount(),
      resetOpCount: () => db.resetOpCount(),
      cleanup: () => storage.close(),
    };
  };
}

runStorageContract('cloudbase (stand-in)', cloudbaseHarness(true));
runStorageContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runIdentityContract('cloudbase (stand-in)', cloudbaseHarness(true));
runIdentityContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runWebLoginContract('cloudbase (stand-in)', cloudbaseHarness(true));
runWebLoginContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
runCheckinContract('cloudbase (stand-in)', cloudbaseHarness(true));
runCheckinContract('cloudbase (stand-in, throwOnNotFound: false)', cloudbaseHarness(false));
