import { ApiError, type FileAnswer, type UploadPurpose } from '../../../types';
import type { FileStore, StoredFile } from '../../storage/ports';
import type { HandlerContext } from '../shared/context';

/** How long a download link works: long enough to tap it, short enough that a forwarded link soon stops working. */
export const DOWNLOAD_LINK_MS = 10 * 60_000;
/** How long a file the server made for someone is kept: a little longer than its link, then the sweep deletes it. */
export const MADE_FILE_MS = 30 * 60_000;
/** How long an uploaded file is kept for its import (a preview now, the import a little later). */
export const UPLOADED_FILE_MS = 24 * 3_600_000;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function requireFiles(ctx: HandlerContext): FileStore {
  if (!ctx.files) throw new ApiError('INTERNAL', '文件存储未配置，请联系管理员');
  return ctx.files;
}

/**
 * A file the server made for the caller (an export, a problem report): stored, and answered as a link that works for
 * ten minutes — never inline (a cloud function's answer may not exceed 1 MB, and a phone should not carry it in JSON).
 */
export async function fileAnswer(
  ctx: HandlerContext,
  owner: string,
  file: { fileName: string; bytes: Uint8Array; rowCount: number; purpose?: 'export' | 'problems' },
): Promise<FileAnswer> {
  const files = requireFiles(ctx);
  const now = ctx.now();
  const stored = await files.put(
    { name: file.fileName, contentType: XLSX, bytes: file.bytes, purpose: file.purpose ?? 'export', owner, expiresAt: new Date(now.getTime() + MADE_FILE_MS) },
    now,
  );
  const until = new Date(now.getTime() + DOWNLOAD_LINK_MS);
  const url = await files.downloadUrl(stored.fileId, until, now);
  if (!url) throw new Error(`file ${stored.fileId} vanished as it was stored`);
  return { fileId: stored.fileId, fileName: file.fileName, url, expiresAt: until.toISOString(), rowCount: file.rowCount, size: stored.size };
}

/**
 * An uploaded file named by an import: it must exist, be the caller's own upload, and have been uploaded for this
 * purpose; anything else is FILE_NOT_FOUND (a caller learns nothing about others' files).
 */
export async function uploadedFile(ctx: HandlerContext, fileId: string, purpose: UploadPurpose, owner: string): Promise<{ file: StoredFile; bytes: Uint8Array }> {
  const files = requireFiles(ctx);
  const now = ctx.now();
  const file = await files.info(fileId, now);
  if (!file || file.owner !== owner || file.purpose !== purpose) throw new ApiError('FILE_NOT_FOUND');
  const bytes = await files.read(fileId, now);
  if (!bytes) throw new ApiError('FILE_NOT_FOUND');
  return { file, bytes };
}
