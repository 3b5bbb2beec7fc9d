import { UPLOAD_PART_BYTES, type UploadPurpose } from '../../types/bulk';
import { fromBase64Url, toBase64Url } from '../../core';
import { call } from './api';

/**
 * A file goes to the server in parts, never inline (a mini program's call should stay under ~100 KB): startUpload,
 * the parts (48 KiB each, three in flight; a part sent twice is harmless), finishUpload → the file's id, which the
 * action that uses the file then names. The one uploader: the main package's 请假 photo, the committee's imports and
 * covers, the contest's materials (subpackages may use the main package, not each other).
 */
const PARTS_IN_FLIGHT = 3;

export async function uploadInParts(
  purpose: UploadPurpose,
  fileName: string,
  contentBase64: string,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const bytes = fromBase64Url(contentBase64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  if (!bytes) throw new Error('文件内容无法读取，请重新选择文件');
  const { uploadId, partBytes, parts } = await call('startUpload', { purpose, fileName, size: bytes.length });
  const size = partBytes || UPLOAD_PART_BYTES;
  let next = 0;
  let sent = 0;
  onProgress?.(0, parts);
  const worker = async () => {
    while (next < parts) {
      const index = next++;
      const slice = bytes.subarray(index * size, Math.min(bytes.length, (index + 1) * size));
      await call('uploadPart', { uploadId, index, dataBase64: toBase64(slice) });
      onProgress?.(++sent, parts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, parts) }, worker));
  return (await call('finishUpload', { uploadId })).fileId;
}

/** Standard base64 with padding (what uploadPart takes), from the core's base64url. */
function toBase64(bytes: Uint8Array): string {
  const url = toBase64Url(bytes).replace(/-/g, '+').replace(/_/g, '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}
