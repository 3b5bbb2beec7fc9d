import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudbaseFileStore } from '../../server/storage/cloudbase/file-store';
import type { WxDatabase } from '../../server/storage/cloudbase/wx-db';
import type { WxCloudStorage } from '../../server/storage/cloudbase/wx-storage';
import { DiskFileStore } from '../../server/storage/disk/file-store';
import { CloudbaseBackend, createRealSdkDatabase, realCloud } from '../support/cloudbase-backend';
import { pinStorageTransport, StorageBackend } from '../support/cloudbase-storage';
import { NOW } from '../support/factories';
import { runFileStoreContract, type FileStoreHarness } from './file-store-contract';

/**
 * The file store's contract on both adapters. CloudBase: cloud storage through the REAL wx-server-sdk (its storage
 * API and @cloudbase/node-sdk's storage module run; only their network calls are replaced, see
 * tests/support/cloudbase-storage), the records in the `files` collection on each database harness: the real SDK
 * over the in-process backend (as the function is configured, and under a deployment's page cap with unordered ties,
 * with the SDK's default throwOnNotFound).
 */
async function diskHarness(): Promise<FileStoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'files-contract-'));
  const files = new DiskFileStore({ dir, secret: 'contract-secret' });
  return {
    files,
    async download(url, at) {
      const found = await files.resolve(url.replace(/^\/files\//, ''), at);
      return found.ok ? { status: 200, bytes: new Uint8Array(readFileSync(found.path)) } : { status: found.reason === 'expired' ? 410 : 404 };
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function cloudbaseHarness(db: () => WxDatabase) {
  return async (): Promise<FileStoreHarness> => {
    let clock = NOW.getTime();
    await pinStorageTransport();
    const storage = new StorageBackend({ nowMs: () => clock });
    const cloud = realCloud() as unknown as WxCloudStorage;
    const files = new CloudbaseFileStore(cloud, db());
    return {
      files,
      async download(url, at) {
        clock = at.getTime();
        try {
          // As a browser would fetch the temporary URL: through the same in-process COS the SDK's download uses.
          const { statusCode, body } = await storage.http('get', new URL(encodeURI(url)), null);
          return statusCode === 200 ? { status: 200, bytes: new Uint8Array(body) } : { status: statusCode };
        } finally {
          clock = NOW.getTime();
        }
      },
      cleanup: async () => undefined,
    };
  };
}

describe('no request leaves the process', () => {
  it('cloud storage calls never reach http, https or a socket', async () => {
    const spies = [jest.spyOn(http, 'request'), jest.spyOn(https, 'request'), jest.spyOn(http, 'get'), jest.spyOn(https, 'get')];
    const harness = await cloudbaseHarness(() => createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }))();
    const stored = await harness.files.put({ name: 'a.csv', contentType: 'text/csv', bytes: new Uint8Array([65]), purpose: 'roster', owner: 'o', expiresAt: new Date(NOW.getTime() + 60_000) }, NOW);
    expect(Buffer.from((await harness.files.read(stored.fileId, NOW))!)).toEqual(Buffer.from('A'));
    expect(await harness.files.downloadUrl(stored.fileId, new Date(NOW.getTime() + 30_000), NOW)).toMatch(/^https:\/\/inproc-storage\.invalid\//);
    await harness.files.remove([stored.fileId]);
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});

runFileStoreContract('disk (local server)', diskHarness);
runFileStoreContract('cloudbase (real SDK storage, real SDK database)', cloudbaseHarness(() => createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false })));
runFileStoreContract(
  'cloudbase (real SDK storage, real SDK database, 3 a page, unordered ties)',
  cloudbaseHarness(() => createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0, maxPageSize: 3, unorderedTies: true }), { throwOnNotFound: true })),
);
