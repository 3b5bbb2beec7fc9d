import type { UploadSession, UploadsPort } from '../ports';
import type { SqliteKit } from './kit';

interface UploadRow {
  upload_id: string; purpose: string; owner: string; file_name: string; size: number; part_bytes: number; parts: number;
  created_at: string; expires_at: string; file_id: string | null;
}

function uploadFromRow(r: UploadRow): UploadSession {
  return {
    uploadId: r.upload_id, purpose: r.purpose, owner: r.owner, fileName: r.file_name, size: r.size, partBytes: r.part_bytes,
    parts: r.parts, createdAt: r.created_at, expiresAt: r.expires_at, fileId: r.file_id,
  };
}

/** Uploads in parts on SQLite: a row per upload, a row per part (a BLOB), replaced when a part is sent again. */
export function sqliteUploads(kit: SqliteKit): UploadsPort {
  const { db } = kit;
  const q = {
    insert: db.prepare<[UploadRow]>(
      `INSERT INTO uploads (upload_id, purpose, owner, file_name, size, part_bytes, parts, created_at, expires_at, file_id)
       VALUES (@upload_id, @purpose, @owner, @file_name, @size, @part_bytes, @parts, @created_at, @expires_at, @file_id)`,
    ),
    get: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE upload_id = ?'),
    putPart: db.prepare<[string, number, Buffer]>(
      `INSERT INTO upload_parts (upload_id, idx, data) VALUES (?, ?, ?)
       ON CONFLICT (upload_id, idx) DO UPDATE SET data = excluded.data`,
    ),
    parts: db.prepare<[string], { idx: number; data: Buffer }>('SELECT idx, data FROM upload_parts WHERE upload_id = ?'),
    finish: db.prepare<[string, string]>('UPDATE uploads SET file_id = ? WHERE upload_id = ? AND file_id IS NULL'),
    dropParts: db.prepare<[string]>('DELETE FROM upload_parts WHERE upload_id = ?'),
    expired: db.prepare<[string, number], string>('SELECT upload_id FROM uploads WHERE expires_at <= ? ORDER BY expires_at LIMIT ?').pluck(),
    drop: db.prepare<[string]>('DELETE FROM uploads WHERE upload_id = ?'),
  };

  return {
    startUpload(session) {
      return kit.run(() => {
        q.insert.run({
          upload_id: session.uploadId, purpose: session.purpose, owner: session.owner, file_name: session.fileName,
          size: session.size, part_bytes: session.partBytes, parts: session.parts, created_at: session.createdAt,
          expires_at: session.expiresAt, file_id: session.fileId,
        });
      });
    },

    async getUpload(uploadId) {
      const row = q.get.get(uploadId);
      return row ? uploadFromRow(row) : null;
    },

    putUploadPart(uploadId, index, bytes) {
      return kit.run(() => {
        q.putPart.run(uploadId, index, Buffer.from(bytes));
      });
    },

    async uploadParts(uploadId, parts) {
      const out: Array<Uint8Array | null> = Array.from({ length: parts }, () => null);
      for (const row of q.parts.all(uploadId)) if (row.idx < parts) out[row.idx] = new Uint8Array(row.data);
      return out;
    },

    /** The first finish sets the file; its parts go in the same job. */
    finishUpload(uploadId, fileId) {
      return kit.run(() => {
        q.finish.run(fileId, uploadId);
        q.dropParts.run(uploadId);
        const row = q.get.get(uploadId);
        if (!row) throw new Error(`upload ${uploadId} is gone`);
        return uploadFromRow(row);
      });
    },

    expireUploads(now, limit) {
      return kit.run(() => {
        const ids = q.expired.all(now.toISOString(), limit);
        for (const id of ids) {
          q.dropParts.run(id);
          q.drop.run(id);
        }
        return ids.length;
      });
    },
  };
}
