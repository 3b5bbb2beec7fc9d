import { imageAccept, readImageFile, type ImageFileSource, type PickedImage } from '../../../services/image-file';

/**
 * 封面: one picture, chosen and read by the main package's image picker (a file input on H5, chooseMedia on WeChat;
 * services/image-file.ts), checked against the cover's limits.
 */
export { PICKS_IMAGE_WITH_FILE_INPUT as PICKS_COVER_WITH_FILE_INPUT, ImageFileRefusal as CoverFileRefusal } from '../../../services/image-file';
export type PickedCover = PickedImage;
export type CoverFileSource = ImageFileSource;

export const COVER_ACCEPT = imageAccept('cover');

export function readCoverFile(source?: CoverFileSource): Promise<PickedCover | null> {
  return readImageFile('cover', source);
}
