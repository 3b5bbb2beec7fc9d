import jsQR from 'jsqr';
// pngjs 7 ships no types; only its synchronous reader is used.
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/** Reads the QR code in a PNG, as a phone's scanner would; null when there is none. */
export function readQrFromPng(bytes: Uint8Array): string | null {
  const png = PNG.sync.read(Buffer.from(bytes));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return found?.data ?? null;
}
