import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createLocalServer } from '../../server/local/http-server';
import { generateKeyringConfig, keyringFromConfig, type CheckinKeyring } from '../../server/security/checkin-keys';
import { DiskFileStore } from '../../server/storage/disk/file-store';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { TEST_MOMENT } from './test-moment';
import { localMiniCodes } from '../../server/local/local-mini-codes';

/** A clock that starts at `moment` and moves on at the normal pace. */
function flowingFrom(moment: Date): () => Date {
  const offset = moment.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * A local server on an ephemeral port over a fresh SQLite file, for tests that speak HTTP to it; with a fresh
 * check-in keyring unless one is given (the tests sign codes as a phone would, and need its public half). Its clock is
 * the test's `now`, or else starts at TEST_MOMENT and moves on: never the hour the tests happen to run at.
 */
export async function startTestServer(options: { demoMode: boolean; now?: () => Date; checkinKeys?: CheckinKeyring; allowedHosts?: string[] }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-server-'));
  const storage = new SqliteStorage({ file: path.join(dir, 'test.db') });
  const files = new DiskFileStore({ dir: path.join(dir, 'files'), secret: 'test-server-file-url-key' });
  const checkinKeys = options.checkinKeys ?? keyringFromConfig(generateKeyringConfig('ktest'));
  let base = '';
  const server: Server = createLocalServer({
    storage, demoMode: options.demoMode, staticDir: null, now: options.now ?? flowingFrom(TEST_MOMENT), checkinKeys, allowedHosts: options.allowedHosts, files,
    miniCodes: localMiniCodes(() => base),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function post(action: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function stop() {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return { base, storage, files, checkinKeys, post, stop };
}
