import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { UNGUESSABLE_ID, unguessableId } from '../../security/unguessable-id';
import type { FileStore, PutFile, StoredFile } from '../ports/files';

export interface DiskFileStoreOptions {
  /** The folder (the local server's DATA_DIR/files). */
  dir: string;
  /** The key that signs download links (DATA_DIR/file-url.key, see server/local/file-url-key.ts). */
  secret: string;
  /** Where the local server serves them: `${prefix}<token>`. Default '/files/'. */
  prefix?: string;
}

/** What a download link resolves to: the file to send, or why not. */
export type Resolved = { ok: true; file: StoredFile; path: string } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * The local server's files, on disk: `<dir>/<fileId>` (the bytes) and `<dir>/<fileId>.json` (its record), each
 * written to a temporary name first and renamed, so a crash never leaves half a file under a real name.
 *
 * A download link is `/files/<fileId>.<until>.<mac>`: `until` the last second it is good for (base 36), `mac` the
 * first 128 bits of HMAC-SHA256(secret, `<fileId>.<until>`), base64url. Nobody without the secret can make one or
 * stretch one; the file id is itself 130 random bits. Links are not stored: the server checks them (resolve).
 */
export class DiskFileStore implements FileStore {
  private readonly dir: string;
  private readonly prefix: string;

  constructor(private readonly options: DiskFileStoreOptions) {
    this.dir = path.resolve(options.dir);
    this.prefix = options.prefix ?? '/files/';
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  async put(file: PutFile, now: Date): Promise<StoredFile> {
    const fileId = unguessableId('f');
    const bytes = Buffer.from(file.bytes);
    const record: StoredFile = {
      fileId,
      name: file.name,
      contentType: file.contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      purpose: file.purpose,
      owner: file.owner,
      createdAt: now.toISOString(),
      expiresAt: file.expiresAt.toISOString(),
    };
    await this.writeAtomically(this.blobPath(fileId), bytes);
    await this.writeAtomically(this.recordPath(fileId), Buffer.from(JSON.stringify(record)));
    return record;
  }

  async info(fileId: string, now: Date): Promise<StoredFile | null> {
    const record = await this.record(fileId);
    return record && Date.parse(record.expiresAt) > now.getTime() ? record : null;
  }

  async read(fileId: string, now: Date): Promise<Uint8Array | null> {
    if (!(await this.info(fileId, now))) return null;
    try {
      return new Uint8Array(await fs.readFile(this.blobPath(fileId)));
    } catch {
      return null;
    }
  }

  async downloadUrl(fileId: string, until: Date, now: Date): Promise<string | null> {
    if (!(await this.info(fileId, now))) return null;
    const stamp = Math.floor(until.getTime() / 1000).toString(36);
    return `${this.prefix}${fileId}.${stamp}.${this.mac(`${fileId}.${stamp}`)}`;
  }

  /** A link's token (what follows the prefix) → the file, if the link is genuine, unexpired, and the file still there. */
  async resolve(token: string, now: Date): Promise<Resolved> {
    const match = /^([a-z]-[a-z2-7]{26})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return { ok: false, reason: 'unknown' };
    const [, fileId, stamp, mac] = match;
    const expected = Buffer.from(this.mac(`${fileId}.${stamp}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'unknown' };
    if (parseInt(stamp, 36) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
    const file = await this.info(fileId, now);
    return file ? { ok: true, file, path: this.blobPath(fileId) } : { ok: false, reason: 'expired' };
  }

  async keep(fileId: string, expiresAt: Date, now: Date): Promise<boolean> {
    const record = await this.info(fileId, now);
    if (!record) return false;
    await this.writeAtomically(this.recordPath(fileId), Buffer.from(JSON.stringify({ ...record, expiresAt: expiresAt.toISOString() })));
    return true;
  }

  async remove(fileIds: readonly string[]): Promise<void> {
    for (const id of fileIds) {
      if (!UNGUESSABLE_ID.test(id)) continue;
      await fs.rm(this.recordPath(id), { force: true });
      await fs.rm(this.blobPath(id), { force: true });
    }
  }

  async expire(now: Date, limit: number): Promise<number> {
    const names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json'));
    const gone: string[] = [];
    for (const name of names) {
      if (gone.length >= limit) break;
      const record = await this.record(name.slice(0, -'.json'.length));
      if (record && Date.parse(record.expiresAt) <= now.getTime()) gone.push(record.fileId);
    }
    await this.remove(gone);
    return gone.length;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.options.secret).update(text).digest().subarray(0, 16).toString('base64url');
  }

  private async record(fileId: string): Promise<StoredFile | null> {
    if (!UNGUESSABLE_ID.test(fileId)) return null;
    try {
      return JSON.parse(await fs.readFile(this.recordPath(fileId), 'utf8')) as StoredFile;
    } catch {
      return null;
    }
  }

  private blobPath(fileId: string): string {
    return path.join(this.dir, fileId);
  }

  private recordPath(fileId: string): string {
    return path.join(this.dir, `${fileId}.json`);
  }

  private async writeAtomically(file: string, bytes: Buffer): Promise<void> {
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, bytes, { mode: 0o600 });
    await fs.rename(temp, file);
  }
}
