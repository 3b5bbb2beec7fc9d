import { ImageFileRefusal, imageProblem, type ImagePurpose, type PickedImage } from './image-file-rules';

export { ImageFileRefusal, imageAccept, imageProblem, type ImagePurpose, type PickedImage } from './image-file-rules';

/**
 * H5: a picture comes from a hidden `<input type="file" accept="image/…">` that the picker renders (tests set its
 * files directly) and is read here with FileReader. The weapp build resolves this module to image-file.weapp.ts
 * (WeChat's image chooser).
 */
export const PICKS_IMAGE_WITH_FILE_INPUT = true;

export interface ImageFileSource {
  file?: File | null;
}

export async function readImageFile(purpose: ImagePurpose, source?: ImageFileSource): Promise<PickedImage | null> {
  const file = source?.file;
  if (!file) return null;
  const problem = imageProblem(purpose, file.name, file.size);
  if (problem) throw new ImageFileRefusal(problem);
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new ImageFileRefusal(`无法读取“${file.name}”，请重新选择`));
    reader.readAsDataURL(file);
  });
  const comma = dataUrl.indexOf(',');
  const contentBase64 = comma >= 0 ? dataUrl.slice(comma + 1) : '';
  if (!contentBase64) throw new ImageFileRefusal(`“${file.name}”是空文件，请重新选择`);
  return { name: file.name, size: file.size, contentBase64, previewUrl: dataUrl };
}
