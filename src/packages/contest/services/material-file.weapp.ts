import Taro from '@tarojs/taro';
import type { UploadPurpose } from '../../../../types/bulk';
import { UPLOAD_LIMITS } from '../../../../types/bulk';
import { materialProblem as problemOf } from './material-rules';
import { ensurePrivacyAgreed } from '../../../services/privacy';
import { privacyRefusalText } from '../../../stores/privacy';
import { isChooserCancel, readTempFileBase64 } from '../../../services/temp-file';

/**
 * WeChat: slides come from a chat (chooseMessageFile, e.g. sent to 文件传输助手 from a computer); a video from the
 * album or the camera (chooseMedia). Read as base64 from the temporary path.
 */
export const PICKS_WITH_FILE_INPUT = false;

export class MaterialRefusal extends Error {}

export interface PickedMaterial {
  name: string;
  size: number;
  contentBase64: string;
}

export const materialProblem = problemOf;

export async function readMaterial(purpose: UploadPurpose, _source?: { file?: File | null }): Promise<PickedMaterial | null> {
  let chosen: { path: string; name: string; size: number } | undefined;
  // Both choosers are privacy interfaces: refused, the picker says so and the entry stays as it was.
  const api = purpose === 'contestVideo' ? 'chooseMedia' : 'chooseMessageFile';
  if (!(await ensurePrivacyAgreed(api))) throw new MaterialRefusal(privacyRefusalText(api));
  try {
    if (purpose === 'contestVideo') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['video'], sourceType: ['album', 'camera'], maxDuration: 60 });
      const f = res.tempFiles[0];
      if (f) chosen = { path: f.tempFilePath, name: `参赛视频${f.tempFilePath.slice(f.tempFilePath.lastIndexOf('.'))}`, size: f.size };
    } else {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: UPLOAD_LIMITS[purpose].extensions.map((e) => e.slice(1)) });
      chosen = res.tempFiles[0];
    }
  } catch (error) {
    if (isChooserCancel(error)) return null;
    throw new MaterialRefusal('无法打开文件选择，请稍后重试');
  }
  if (!chosen) return null;
  const problem = problemOf(purpose, chosen.name, chosen.size);
  if (problem) throw new MaterialRefusal(problem);
  const { path, name, size } = chosen;
  const contentBase64 = await readTempFileBase64(path, new MaterialRefusal(`无法读取“${name}”，请重新选择`));
  return { name, size, contentBase64 };
}
