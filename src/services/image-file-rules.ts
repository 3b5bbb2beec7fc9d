import { UPLOAD_LIMITS } from '../../types/bulk';

/** The uploads that are one picture chosen from the album or the camera. */
export type ImagePurpose = 'cover' | 'leavePhoto';

/** The picture as this app names it in a sentence. */
const NOUN: Record<ImagePurpose, string> = { cover: '封面', leavePhoto: '照片' };

/** The chosen picture as base64, with a URL the page can show it from until it is sent. */
export interface PickedImage {
  name: string;
  size: number;
  contentBase64: string;
  previewUrl: string;
}

/** Thrown with the sentence to show when a picture cannot be used. */
export class ImageFileRefusal extends Error {}

/** What a file input offers to choose from (H5). */
export function imageAccept(purpose: ImagePurpose): string {
  return UPLOAD_LIMITS[purpose].extensions.map((e) => (e === '.jpg' ? 'image/jpeg' : `image/${e.slice(1)}`)).filter((t, i, all) => all.indexOf(t) === i).join(',');
}

/**
 * The sentence for a picture that cannot be used (type by its name's ending when it has one, then size), or null.
 * The server decides again by the bytes; this only spares sending what it would refuse.
 */
export function imageProblem(purpose: ImagePurpose, name: string, size: number): string | null {
  const limit = UPLOAD_LIMITS[purpose];
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase();
  const formats = limit.extensions.filter((e) => e !== '.jpeg').map((e) => e.slice(1).toUpperCase());
  if (ext && !limit.extensions.includes(ext)) return `“${name}”不是 ${formats.join('、')} 图片：请换一张，或截图后重新选择`;
  if (size > limit.maxBytes) {
    // Rounded up: a picture just over the limit must not read as the limit itself (“2.0 MB，不能超过 2 MB”).
    const megabytes = (Math.ceil((size / 1024 / 1024) * 10) / 10).toFixed(1);
    return `图片有 ${megabytes} MB，${NOUN[purpose]}不能超过 ${limit.maxBytes / 1024 / 1024} MB：请压缩或截图后重新选择`;
  }
  if (size === 0) return '这张图片是空的，请重新选择';
  return null;
}
