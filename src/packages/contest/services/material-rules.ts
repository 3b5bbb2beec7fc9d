import { UPLOAD_LIMITS, type UploadPurpose } from '../../../../types/bulk';

/** Size and type, before anything is sent (the server checks again, and the content at the end). */
export function materialProblem(purpose: UploadPurpose, name: string, size: number): string | null {
  const limit = UPLOAD_LIMITS[purpose];
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase();
  if (!limit.extensions.includes(ext)) return `${limit.label}请选择 ${limit.extensions.join(' 或 ')} 文件`;
  if (size > limit.maxBytes) return `${limit.label}不能超过 ${Math.round(limit.maxBytes / 1024 / 1024)} MB（这个文件有 ${(size / 1024 / 1024).toFixed(1)} MB）`;
  if (size === 0) return '这是一个空文件，请重新选择';
  return null;
}

