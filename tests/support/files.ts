import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileAnswer, UploadPurpose } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { DiskFileStore } from '../../server/storage/disk/file-store';

/** A file store in a fresh temp folder (the local server's kind), for handler tests. */
export function tempFileStore(): DiskFileStore & { cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-files-'));
  const files = new DiskFileStore({ dir, secret: 'test-file-url-key' });
  return Object.assign(files, { cleanup: () => rmSync(dir, { recursive: true, force: true }) });
}

/** Uploads bytes as the app does (startUpload, every part, finishUpload) and answers the file id. */
export async function upload(ctx: HandlerContext, purpose: UploadPurpose, fileName: string, bytes: Uint8Array): Promise<string> {
  const call = async (action: string, payload: unknown) => {
    const result = await dispatch({ action, payload }, ctx);
    if (!result.ok) throw new Error(`${action} refused: ${result.code} ${result.message}`);
    return result.data as any;
  };
  const started = await call('startUpload', { purpose, fileName, size: bytes.length });
  for (let i = 0; i < started.parts; i++) {
    const part = Buffer.from(bytes).subarray(i * started.partBytes, (i + 1) * started.partBytes);
    await call('uploadPart', { uploadId: started.uploadId, index: i, dataBase64: part.toString('base64') });
  }
  return (await call('finishUpload', { uploadId: started.uploadId })).fileId as string;
}

/** The bytes behind an answered file's link, as the local server's GET /files/<token> would send them. */
export async function downloaded(files: DiskFileStore, file: FileAnswer, at: Date): Promise<Buffer> {
  const found = await files.resolve(file.url.replace(/^\/files\//, ''), at);
  if (!found.ok) throw new Error(`link ${file.url} does not download: ${found.reason}`);
  return readFileSync(found.path);
}
