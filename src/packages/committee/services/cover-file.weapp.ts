import Taro from '@tarojs/taro';
import { UPLOAD_LIMITS } from '../../../../types/bulk';

/**
 * WeChat: the cover picture is chosen with chooseMedia (album or camera, compressed by WeChat) and read as base64 from
 * its temporary path, which the form shows until the event is saved. See cover-file.ts for the H5 side.
 */
export const PICKS_COVER_WITH_FILE_INPUT = false;

export interface PickedCover {
  name: string;
  size: number;
  contentBase64: string;
  previewUrl: string;
}

export class CoverFileRefusal extends Error {}

export interface CoverFileSource {
  file?: File | null;
}

export const COVER_ACCEPT = 'image/png,image/jpeg,image/webp';

export function coverSizeRefusal(size: number): string | null {
  const max = UPLOAD_LIMITS.cover.maxBytes;
  return size > max ? `图片有 ${(size / 1024 / 1024).toFixed(1)} MB，封面不能超过 ${max / 1024 / 1024} MB：请压缩或截图后重新选择` : null;
}

function isCancel(error: unknown): boolean {
  return /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '');
}

export async function readCoverFile(_source?: CoverFileSource): Promise<PickedCover | null> {
  let chosen: { tempFilePath: string; size: number } | undefined;
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    chosen = res.tempFiles[0];
  } catch (error) {
    if (isCancel(error)) return null;
    console.warn('[cover] chooseMedia failed', error);
    throw new CoverFileRefusal('无法打开相册，请稍后重试');
  }
  if (!chosen) return null;
  const refusal = coverSizeRefusal(chosen.size);
  if (refusal) throw new CoverFileRefusal(refusal);
  const filePath = chosen.tempFilePath;
  const name = filePath.slice(filePath.lastIndexOf('/') + 1) || 'cover.jpg';
  const contentBase64 = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (r) => resolve(typeof r.data === 'string' ? r.data : ''),
      fail: (e) => {
        console.warn('[cover] readFile failed', e);
        reject(new CoverFileRefusal('无法读取这张图片，请重新选择'));
      },
    });
  });
  if (!contentBase64) throw new CoverFileRefusal('这张图片是空的，请重新选择');
  return { name, size: chosen.size, contentBase64, previewUrl: filePath };
}
