import { createHash } from 'node:crypto';
import { UNGUESSABLE_ID, unguessableId } from '../../security/unguessable-id';
import type { FileStore, PutFile, StoredFile } from '../ports/files';
import { COLLECTIONS } from './documents';
import { readDoc } from './kit';
import type { WxDatabase, WxDoc } from './wx-db';
import type { WxCloudStorage } from './wx-storage';

const { files: FILES } = COLLECTIONS;

/** Characters a cloud path keeps (the file's own name stays readable in the download URL; the rest become '_'). */
const unsafePathChars = /[\\/:*?"<>|#%&{}^~[\]`'\s\u0000-\u001f]+/g;

function fileFromDoc(d: WxDoc): StoredFile & { cloudFileId: string } {
  return {
    fileId: String(d._id),
    cloudFileId: String(d.cloudFileId),
    name: String(d.name),
    contentType: String(d.contentType),
    size: Number(d.size),
    sha256: String(d.sha256),
    purpose: String(d.purpose),
    owner: String(d.owner),
    createdAt: String(d.createdAt),
    expiresAt: String(d.expiresAt),
  };
}

/**
 * Files on CloudBase: the bytes in cloud storage (`cloud.uploadFile` to `ysc/<purpose>/<fileId>/<name>`), the record
 * in the `files` collection (`_id` our file id, `cloudFileId` the storage's fileID). Callers only ever see our id.
 * Download links are `cloud.getTempFileURL` with `maxAge` = the seconds until `until`: temporary signed URLs of a
 * private bucket (set the storage's permission to 仅管理端可读写, see docs/security.md). Expired files are deleted by
 * `expire` (the sweep, server/features/files/sweep.ts), storage first, then the record.
 *
 * Costs: put = uploadFile (2 requests: the upload's metadata, the PUT) + 1 `add`; read = 1 read + downloadFile (2:
 * the temporary URL, the GET); a link = 1 read + getTempFileURL (1).
 */
export class CloudbaseFileStore implements FileStore {
  constructor(
    private readonly storage: WxCloudStorage,
    private readonly db: WxDatabase,
  ) {}

  async put(file: PutFile, now: Date): Promise<StoredFile> {
    const fileId = unguessableId('f');
    const bytes = Buffer.from(file.bytes);
    const name = file.name.replace(unsafePathChars, '_').slice(0, 80) || 'file';
    const { fileID } = await this.storage.uploadFile({ cloudPath: `ysc/${file.purpose}/${fileId}/${name}`, fileContent: bytes });
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
    const { fileId: _id, ...fields } = record;
    await this.db.collection(FILES).add({ data: { _id, ...fields, cloudFileId: fileID } });
    return record;
  }

  async info(fileId: string, now: Date): Promise<StoredFile | null> {
    const found = await this.find(fileId, now);
    if (!found) return null;
    const { cloudFileId: _cloud, ...record } = found;
    return record;
  }

  async read(fileId: string, now: Date): Promise<Uint8Array | null> {
    const found = await this.find(fileId, now);
    if (!found) return null;
    const { fileContent } = await this.storage.downloadFile({ fileID: found.cloudFileId });
    return new Uint8Array(fileContent);
  }

  async downloadUrl(fileId: string, until: Date, now: Date): Promise<string | null> {
    const found = await this.find(fileId, now);
    if (!found) return null;
    const maxAge = Math.max(1, Math.floor((until.getTime() - now.getTime()) / 1000));
    const { fileList } = await this.storage.getTempFileURL({ fileList: [{ fileID: found.cloudFileId, maxAge }] });
    const entry = fileList.find((f) => f.fileID === found.cloudFileId) ?? fileList[0];
    return entry && entry.status === 0 && entry.tempFileURL ? entry.tempFileURL : null;
  }

  /** One read, then one conditional update of the record (still unexpired at `now`). */
  async keep(fileId: string, expiresAt: Date, now: Date): Promise<boolean> {
    if (!(await this.find(fileId, now))) return false;
    const _ = this.db.command;
    const { stats } = await this.db
      .collection(FILES)
      .where({ _id: fileId, expiresAt: _.gt(now.toISOString()) })
      .update({ data: { expiresAt: expiresAt.toISOString() } });
    return stats.updated === 1;
  }

  /** Storage first (a record without its file reads as missing anyway), then the records. */
  async remove(fileIds: readonly string[]): Promise<void> {
    const _ = this.db.command;
    const ids = fileIds.filter((id) => UNGUESSABLE_ID.test(id));
    if (!ids.length) return;
    const { data } = await this.db.collection(FILES).where({ _id: _.in(ids) }).limit(ids.length).get();
    await this.drop(data.map((d) => fileFromDoc(d)));
  }

  /** A query for records past `expiresAt` (index: `files` `expiresAt`), then one deleteFile and one remove for all. */
  async expire(now: Date, limit: number): Promise<number> {
    const _ = this.db.command;
    const { data } = await this.db.collection(FILES).where({ expiresAt: _.lte(now.toISOString()) }).limit(limit).get();
    await this.drop(data.map((d) => fileFromDoc(d)));
    return data.length;
  }

  private async drop(files: ReadonlyArray<{ fileId: string; cloudFileId: string }>): Promise<void> {
    if (!files.length) return;
    const _ = this.db.command;
    // deleteFile takes up to 50 ids a call.
    for (let i = 0; i < files.length; i += 50) {
      await this.storage.deleteFile({ fileList: files.slice(i, i + 50).map((f) => f.cloudFileId) });
    }
    await this.db.collection(FILES).where({ _id: _.in(files.map((f) => f.fileId)) }).remove();
  }

  private async find(fileId: string, now: Date): Promise<(StoredFile & { cloudFileId: string }) | null> {
    if (!UNGUESSABLE_ID.test(fileId)) return null;
    const doc = await readDoc(this.db.collection(FILES).doc(fileId));
    if (!doc) return null;
    const file = fileFromDoc(doc);
    return Date.parse(file.expiresAt) > now.getTime() ? file : null;
  }
}
