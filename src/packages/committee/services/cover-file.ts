import { UPLOAD_LIMITS } from '../../../../types/bulk';

/**
 * H5: the cover picture comes from a hidden `<input type="file" accept="image/…">` that the picker renders (tests set
 * its files directly) and is read here with FileReader. The weapp build resolves this module to cover-file.weapp.ts
 * (WeChat's image chooser). The server decides what the picture is by its bytes; only its size is checked here.
 */
export const PICKS_COVER_WITH_FILE_INPUT = true;

/** The chosen picture as base64, with a URL this page can show it from until it is saved. */
export interface PickedCover {
  name: string;
  size: number;
  contentBase64: string;
  previewUrl: string;
}

/** Thrown with the sentence to show when a picture cannot be used. */
export class CoverFileRefusal extends Error {}

export interface CoverFileSource {
  file?: File | null;
}

export const COVER_ACCEPT = 'image/png,image/jpeg,image/webp';

/** The sentence for a picture too large, or null. */
export function coverSizeRefusal(size: number): string | null {
  const max = UPLOAD_LIMITS.cover.maxBytes;
  return size > max ? `图片有 ${(size / 1024 / 1024).toFixed(1)} MB，封面不能超过 ${max / 1024 / 1024} MB：请压缩或截图后重新选择` : null;
}

export async function readCoverFile(source?: CoverFileSource): Promise<PickedCover | null> {
  const file = source?.file;
  if (!file) return null;
  const refusal = coverSizeRefusal(file.size);
  if (refusal) throw new CoverFileRefusal(refusal);
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new CoverFileRefusal(`无法读取“${file.name}”，请重新选择`));
    reader.readAsDataURL(file);
  });
  const comma = dataUrl.indexOf(',');
  const contentBase64 = comma >= 0 ? dataUrl.slice(comma + 1) : '';
  if (!contentBase64) throw new CoverFileRefusal(`“${file.name}”是空文件，请重新选择`);
  return { name: file.name, size: file.size, contentBase64, previewUrl: dataUrl };
}
