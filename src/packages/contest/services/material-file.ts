import type { UploadPurpose } from '../../../../types/bulk';
import { materialProblem as problemOf } from './material-rules';

/**
 * H5: a material comes from a hidden `<input type="file">` (tests set its files directly), read with FileReader. The
 * weapp build resolves this module to material-file.weapp.ts (WeChat's chat-file chooser).
 */
export const PICKS_WITH_FILE_INPUT = true;

export class MaterialRefusal extends Error {}

export interface PickedMaterial {
  name: string;
  size: number;
  contentBase64: string;
}

export const materialProblem = problemOf;

export async function readMaterial(purpose: UploadPurpose, source?: { file?: File | null }): Promise<PickedMaterial | null> {
  const file = source?.file;
  if (!file) return null;
  const problem = problemOf(purpose, file.name, file.size);
  if (problem) throw new MaterialRefusal(problem);
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new MaterialRefusal(`无法读取“${file.name}”，请重新选择`));
    reader.readAsDataURL(file);
  });
  const comma = dataUrl.indexOf(',');
  return { name: file.name, size: file.size, contentBase64: comma >= 0 ? dataUrl.slice(comma + 1) : '' };
}
