import { createHash } from 'node:crypto';
import type { FileStore, PutFile } from '../../server/storage/ports';
import { NOW } from '../support/factories';

/**
 * The file store's contract, run against the local server's disk store and the CloudBase store (cloud storage through
 * the real wx-server-sdk with its last hop replaced, records on each database harness). What a caller relies on: the
 * bytes come back exactly, ids are our own and unguessable, a file is gone for every purpose once its time has
 * passed (and `expire` deletes it), and a download link works until its time and not after.
 */
export interface FileStoreHarness {
  files: FileStore;
  /** Downloads a link as a browser would, at the given moment of the store's clock: the bytes, or the HTTP status. */
  download(url: string, at: Date): Promise<{ status: number; bytes?: Uint8Array }>;
  cleanup(): Promise<void>;
}

const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

function sample(bytes: Uint8Array, overrides: Partial<PutFile> = {}): PutFile {
  return { name: '名单.xlsx', contentType: 'application/octet-stream', bytes, purpose: 'roster', owner: 'openid-admin', expiresAt: later(60), ...overrides };
}

/** Every byte value, and then some: what a file store must not mangle (no text decoding anywhere). */
function binary(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >> 8)) & 0xff;
  return out;
}

export function runFileStoreContract(name: string, makeHarness: () => Promise<FileStoreHarness>): void {
  describe(`${name}: file store contract`, () => {
    let harness: FileStoreHarness;
    let files: FileStore;

    beforeEach(async () => {
      harness = await makeHarness();
      files = harness.files;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('gives back exactly the bytes stored, with their record, under an id of its own that nobody can guess', async () => {
      const bytes = binary(300_000);
      const stored = await files.put(sample(bytes, { name: '24级 学生名单（最终版）.xlsx' }), NOW);
      expect(stored).toEqual({
        fileId: expect.stringMatching(/^f-[a-z2-7]{26}$/),
        name: '24级 学生名单（最终版）.xlsx',
        contentType: 'application/octet-stream',
        size: 300_000,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        purpose: 'roster',
        owner: 'openid-admin',
        createdAt: NOW.toISOString(),
        expiresAt: later(60).toISOString(),
      });
      expect(await files.info(stored.fileId, NOW)).toEqual(stored);
      expect(Buffer.from((await files.read(stored.fileId, NOW))!).equals(Buffer.from(bytes))).toBe(true);
      const other = await files.put(sample(new Uint8Array([1, 2, 3])), NOW);
      expect(other.fileId).not.toBe(stored.fileId);
      expect(Buffer.from((await files.read(other.fileId, NOW))!)).toEqual(Buffer.from([1, 2, 3]));
    });

    it('knows nothing of ids it did not hand out, however they look', async () => {
      for (const id of ['f-aaaaaaaaaaaaaaaaaaaaaaaaaa', 'nonsense', '../../etc/passwd', 'f-AAAAAAAAAAAAAAAAAAAAAAAAAA', '']) {
        expect(await files.info(id, NOW)).toBeNull();
        expect(await files.read(id, NOW)).toBeNull();
        expect(await files.downloadUrl(id, later(10), NOW)).toBeNull();
      }
    });

    it('hands out a link that downloads the file until its time, and not after', async () => {
      const bytes = binary(70_000);
      const { fileId } = await files.put(sample(bytes), NOW);
      const url = await files.downloadUrl(fileId, later(10), NOW);
      expect(url).toEqual(expect.any(String));
      expect(url).not.toContain(fileId.slice(2) + '?'); // never the id alone
      const fetched = await harness.download(url!, later(9));
      expect(fetched.status).toBe(200);
      expect(Buffer.from(fetched.bytes!).equals(Buffer.from(bytes))).toBe(true);
      expect((await harness.download(url!, later(11))).status).not.toBe(200);
    });

    it('a link altered in any character downloads nothing', async () => {
      const { fileId } = await files.put(sample(binary(100)), NOW);
      const url = (await files.downloadUrl(fileId, later(10), NOW))!;
      const last = url[url.length - 1];
      const altered = url.slice(0, -1) + (last === 'a' ? 'b' : 'a');
      expect((await harness.download(altered, later(1))).status).not.toBe(200);
    });

    it('a file past its time is gone for every purpose, and expire deletes exactly those', async () => {
      const old = await files.put(sample(binary(10), { expiresAt: later(5) }), NOW);
      const fresh = await files.put(sample(binary(10), { expiresAt: later(60) }), NOW);
      expect(await files.info(old.fileId, later(6))).toBeNull();
      expect(await files.read(old.fileId, later(6))).toBeNull();
      expect(await files.downloadUrl(old.fileId, later(16), later(6))).toBeNull();
      expect(await files.expire(later(6), 50)).toBe(1);
      expect(await files.info(old.fileId, NOW)).toBeNull();
      expect(await files.info(fresh.fileId, later(6))).not.toBeNull();
      expect(await files.expire(later(6), 50)).toBe(0);
    });

    it('expire removes at most `limit` files a call', async () => {
      for (let i = 0; i < 3; i++) await files.put(sample(binary(5), { expiresAt: later(1) }), NOW);
      expect(await files.expire(later(2), 2)).toBe(2);
      expect(await files.expire(later(2), 2)).toBe(1);
    });

    it('keeps a cover as long as its event (far future): the sweep leaves it, and letting it go lets the sweep delete it', async () => {
      const bytes = binary(1000);
      const cover = await files.put(sample(bytes, { purpose: 'cover', expiresAt: later(60) }), NOW);
      const forever = new Date('9999-12-31T00:00:00.000Z');
      expect(await files.keep(cover.fileId, forever, NOW)).toBe(true);
      const nextYear = later(365 * 24 * 60);
      expect(await files.info(cover.fileId, nextYear)).toEqual({ ...cover, expiresAt: forever.toISOString() });
      expect(await files.expire(nextYear, 50)).toBe(0);
      expect(Buffer.from((await files.read(cover.fileId, nextYear))!).equals(Buffer.from(bytes))).toBe(true);
      const letGo = new Date(nextYear.getTime() + 2 * 60 * MINUTE);
      expect(await files.keep(cover.fileId, letGo, nextYear)).toBe(true);
      expect(await files.info(cover.fileId, new Date(letGo.getTime() - MINUTE))).not.toBeNull();
      expect(await files.info(cover.fileId, new Date(letGo.getTime() + MINUTE))).toBeNull();
      expect(await files.expire(new Date(letGo.getTime() + MINUTE), 50)).toBe(1);
      expect(await files.keep(cover.fileId, forever, NOW)).toBe(false);
    });

    it('removes files on request', async () => {
      const a = await files.put(sample(binary(10)), NOW);
      const b = await files.put(sample(binary(10)), NOW);
      await files.remove([a.fileId, 'f-unknownunknownunknownunkn']);
      expect(await files.read(a.fileId, NOW)).toBeNull();
      expect(await files.read(b.fileId, NOW)).not.toBeNull();
    });
    it('keeps a file longer (or lets it go sooner) on request, and never brings back one that is gone', async () => {
      const kept = await files.put(sample(binary(10), { expiresAt: later(60) }), NOW);
      expect(await files.keep(kept.fileId, later(60 * 24 * 365), NOW)).toBe(true);
      expect(await files.info(kept.fileId, later(60 * 24 * 30))).toMatchObject({ expiresAt: later(60 * 24 * 365).toISOString() });
      expect(await files.expire(later(60 * 24 * 30), 50)).toBe(0);
      expect(await files.keep(kept.fileId, later(5), NOW)).toBe(true);
      expect(await files.info(kept.fileId, later(6))).toBeNull();
      const gone = await files.put(sample(binary(10), { expiresAt: later(1) }), NOW);
      expect(await files.keep(gone.fileId, later(600), later(2))).toBe(false);
      expect(await files.info(gone.fileId, later(3))).toBeNull();
      expect(await files.keep('f-unknownunknownunknownunkn', later(600), NOW)).toBe(false);
    });
  });
}
