import Taro from '@tarojs/taro';
import { ImageFileRefusal, imageProblem, type ImagePurpose, type PickedImage } from './image-file-rules';
import { ensurePrivacyAgreed } from './privacy';
import { privacyRefusalText } from '../stores/privacy';
import { isChooserCancel, readTempFileBase64 } from './temp-file';

export { ImageFileRefusal, imageAccept, imageProblem, type ImagePurpose, type PickedImage } from './image-file-rules';

/**
 * WeChat: the picture is chosen with chooseMedia (album or camera, compressed by WeChat; a privacy interface, so the
 * agreement is asked first) and read as base64 from its temporary path, which the page shows until it is sent.
 * See image-file.ts for the H5 side.
 */
export const PICKS_IMAGE_WITH_FILE_INPUT = false;

export interface ImageFileSource {
  file?: File | null;
}

export async function readImageFile(purpose: ImagePurpose, _source?: ImageFileSource): Promise<PickedImage | null> {
  if (!(await ensurePrivacyAgreed('chooseMedia'))) throw new ImageFileRefusal(privacyRefusalText('chooseMedia'));
  let chosen: { tempFilePath: string; size: number } | undefined;
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    chosen = res.tempFiles[0];
  } catch (error) {
    if (isChooserCancel(error)) return null;
    console.warn('[image] chooseMedia failed', error);
    throw new ImageFileRefusal('无法打开相册，请稍后重试');
  }
  if (!chosen) return null;
  const filePath = chosen.tempFilePath;
  const name = filePath.slice(filePath.lastIndexOf('/') + 1) || 'photo.jpg';
  const problem = imageProblem(purpose, name, chosen.size);
  if (problem) throw new ImageFileRefusal(problem);
  const contentBase64 = await readTempFileBase64(filePath, new ImageFileRefusal('无法读取这张图片，请重新选择'));
  if (!contentBase64) throw new ImageFileRefusal('这张图片是空的，请重新选择');
  return { name, size: chosen.size, contentBase64, previewUrl: filePath };
}
