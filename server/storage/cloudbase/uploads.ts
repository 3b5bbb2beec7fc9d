import type { UploadSession, UploadsPort } from '../ports';
import { COLLECTIONS } from './documents';
import { inPool, readDoc, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { uploads: UPLOADS, uploadParts: UPLOAD_PARTS } = COLLECTIONS;

/**
 * Parts read per query: a part is up to 64 KB of base64, and a query's result may not exceed 1 MB (-602001), so 12
 * parts (about 790 KB) a query.
 */
const PARTS_PER_QUERY = 12;

const partId = (uploadId: string, index: number) => `${uploadId}:${index}`;

function uploadFromDoc(d: WxDoc): UploadSession {
  return {
    uploadId: String(d._id),
    purpose: String(d.purpose),
    owner: String(d.owner),
    fileName: String(d.fileName),
    size: Number(d.size),
    partBytes: Number(d.partBytes),
    parts: Number(d.parts),
    createdAt: String(d.createdAt),
    expiresAt: String(d.expiresAt),
    fileId: typeof d.fileId === 'string' && d.fileId ? d.fileId : null,
  };
}

/**
 * Uploads in parts on CloudBase: `uploads/<uploadId>` and a document per part, `uploadParts/<uploadId>:<index>`,
 * holding the part as base64 text. Sending a part is one `set` (a part sent again replaces itself); putting the file
 * together reads the parts by `_id`, 12 a query (results stay under 1 MB), 8 queries side by side.
 */
export class CloudbaseUploads implements UploadsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /** One `set`. */
  async startUpload(session: UploadSession): Promise<void> {
    const { uploadId, ...fields } = session;
    await this.kit.db.collection(UPLOADS).doc(uploadId).set({ data: { ...fields, fileId: fields.fileId ?? '' } });
  }

  async getUpload(uploadId: string): Promise<UploadSession | null> {
    const doc = await readDoc(this.kit.db.collection(UPLOADS).doc(uploadId));
    return doc ? uploadFromDoc(doc) : null;
  }

  /** One `set` of `uploadParts/<uploadId>:<index>`. */
  async putUploadPart(uploadId: string, index: number, bytes: Uint8Array): Promise<void> {
    const data = { uploadId, index, data: Buffer.from(bytes).toString('base64') };
    await this.kit.db.collection(UPLOAD_PARTS).doc(partId(uploadId, index)).set({ data });
  }

  async uploadParts(uploadId: string, parts: number): Promise<Array<Uint8Array | null>> {
    const ids = Array.from({ length: parts }, (_, i) => partId(uploadId, i));
    const out: Array<Uint8Array | null> = ids.map(() => null);
    for (const doc of await this.kit.fetchByIds(UPLOAD_PARTS, ids, PARTS_PER_QUERY)) {
      const index = Number(doc.index);
      if (Number.isInteger(index) && index >= 0 && index < parts) out[index] = new Uint8Array(Buffer.from(String(doc.data), 'base64'));
    }
    return out;
  }

  /**
   * A transaction on the upload: the first finish sets its `fileId`, a later one finds it set (2 operations). Then
   * the parts go, by one `where(…).remove()`.
   */
  async finishUpload(uploadId: string, fileId: string): Promise<UploadSession> {
    const session = await this.kit.transact(async (t) => {
      const ref = t.collection(UPLOADS).doc(uploadId);
      const doc = await readDoc(ref);
      if (!doc) throw new Error(`upload ${uploadId} is gone`);
      const current = uploadFromDoc(doc);
      if (current.fileId) return current;
      await ref.update({ data: { fileId } });
      return { ...current, fileId };
    });
    await this.kit.db.collection(UPLOAD_PARTS).where({ uploadId }).remove();
    return session;
  }

  /** A query for uploads past their time, then per upload: its parts (one remove) and itself. */
  async expireUploads(now: Date, limit: number): Promise<number> {
    const _ = this.kit.command;
    const { data } = await this.kit.db.collection(UPLOADS).where({ expiresAt: _.lte(now.toISOString()) }).limit(limit).get();
    await inPool(data, this.kit.readConcurrency, async (doc) => {
      const uploadId = String(doc._id);
      await this.kit.db.collection(UPLOAD_PARTS).where({ uploadId }).remove();
      await this.kit.db.collection(UPLOADS).doc(uploadId).remove();
    });
    return data.length;
  }
}
