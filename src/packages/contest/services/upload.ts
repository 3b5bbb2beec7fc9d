import { UPLOAD_PART_BYTES, type UploadPurpose } from '../../../../types/bulk';
import { fromBase64Url, toBase64Url } from '../../../../core';
import { call } from '../../../services/api';

/**
 * A material goes to the server in parts, never inline (a mini program's call should stay under ~100 KB):
 * startUpload, the parts (48 KiB each, three in flight), finishUpload → the file's id, which the entry then names.
 * (The committee's imports do the same in packages/committee/services/bulk-upload.ts; subpackages do not share code.)
 */
const PARTS_IN_FLIGHT = 3;

export async function uploadMaterial(purpose: UploadPurpose, fileName: string, contentBase64: string, onProgress?: (sent: number, total: number) => void): Promise<string> {
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
      const url = toBase64Url(slice).replace(/-/g, '+').replace(/_/g, '/');
      await call('uploadPart', { uploadId, index, dataBase64: url + '='.repeat((4 - (url.length % 4)) % 4) });
      onProgress?.(++sent, parts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, parts) }, worker));
  return (await call('finishUpload', { uploadId })).fileId;
}
