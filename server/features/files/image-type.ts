/**
 * What an image is, by its first bytes (its "magic"), never by its name: the three kinds a card may show.
 * - PNG: the 8-byte signature 89 50 4E 47 0D 0A 1A 0A, then the IHDR chunk;
 * - JPEG: FF D8 FF (start of image, then a marker);
 * - WebP: "RIFF", four bytes of length, "WEBP".
 * Anything else (GIF, SVG, HEIC, a renamed spreadsheet) is null.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG) && startsWith(bytes, ascii('IHDR'), 12)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
