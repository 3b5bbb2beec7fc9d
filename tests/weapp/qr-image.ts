/**
 * Reads a QR code back from the image a page shows, as a scanner would: the GIF data URL that qrcode-generator makes
 * (decoded here: GIF87a/89a, one frame, LZW) turned into RGBA pixels for jsQR. Used by the weapp tests, where the
 * rendered <image src> is all a test can see of the code.
 */
import jsQR from 'jsqr';

interface GifFrame {
  width: number;
  height: number;
  /** Palette index per pixel, row by row. */
  indexes: Uint8Array;
  palette: Array<[number, number, number]>;
}

function lzwDecode(minCodeSize: number, data: Uint8Array, pixelCount: number): Uint8Array {
  const out = new Uint8Array(pixelCount);
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const stack = new Uint8Array(4097);
  for (let i = 0; i < clear; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
  }
  let codeSize = minCodeSize + 1;
  let next = eoi + 1;
  let prev = -1;
  let o = 0;
  let bitPos = 0;
  const totalBits = data.length * 8;
  while (bitPos + codeSize <= totalBits && o < pixelCount) {
    let code = 0;
    for (let b = 0; b < codeSize; b++, bitPos++) code |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << b;
    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = eoi + 1;
      prev = -1;
      continue;
    }
    if (code === eoi) break;
    let entry: number;
    if (prev === -1) {
      out[o++] = suffix[code];
      prev = code;
      continue;
    }
    if (code < next) {
      entry = code;
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = first[code];
        first[next] = first[prev];
        next++;
      }
    } else {
      // The code being defined right now: the previous string plus its own first byte.
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = first[prev];
        first[next] = first[prev];
        next++;
      }
      entry = next - 1;
    }
    let sp = 0;
    for (let c = entry; c !== -1; c = prefix[c]) stack[sp++] = suffix[c];
    while (sp > 0 && o < pixelCount) out[o++] = stack[--sp];
    prev = code;
    if (next === 1 << codeSize && codeSize < 12) codeSize++;
  }
  return out;
}

export function decodeGif(bytes: Uint8Array): GifFrame {
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF87a' && sig !== 'GIF89a') throw new Error(`not a GIF (${sig})`);
  const u16 = (i: number) => bytes[i] | (bytes[i + 1] << 8);
  let palette: Array<[number, number, number]> = [];
  let p = 13;
  const packed = bytes[10];
  if (packed & 0x80) {
    const n = 1 << ((packed & 7) + 1);
    for (let i = 0; i < n; i++) palette.push([bytes[p + 3 * i], bytes[p + 3 * i + 1], bytes[p + 3 * i + 2]]);
    p += 3 * n;
  }
  const readBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let len = bytes[p++]; len > 0; len = bytes[p++]) {
      for (let i = 0; i < len; i++) parts.push(bytes[p + i]);
      p += len;
    }
    return Uint8Array.from(parts);
  };
  while (p < bytes.length) {
    const kind = bytes[p++];
    if (kind === 0x21) {
      p++; // extension label
      readBlocks();
    } else if (kind === 0x2c) {
      const width = u16(p + 4);
      const height = u16(p + 6);
      const local = bytes[p + 8];
      p += 9;
      if (local & 0x40) throw new Error('interlaced GIFs are not supported');
      if (local & 0x80) {
        const n = 1 << ((local & 7) + 1);
        palette = [];
        for (let i = 0; i < n; i++) palette.push([bytes[p + 3 * i], bytes[p + 3 * i + 1], bytes[p + 3 * i + 2]]);
        p += 3 * n;
      }
      const minCodeSize = bytes[p++];
      return { width, height, indexes: lzwDecode(minCodeSize, readBlocks(), width * height), palette };
    } else {
      break;
    }
  }
  throw new Error('no image in the GIF');
}

/** The text of the QR code in an image data URL (`data:image/gif;base64,…`), or null when none can be read. */
export function readQrDataUrl(dataUrl: string): string | null {
  const m = /^data:image\/gif;base64,(.+)$/.exec(dataUrl);
  if (!m) throw new Error(`not a GIF data URL: ${dataUrl.slice(0, 40)}…`);
  const frame = decodeGif(new Uint8Array(Buffer.from(m[1], 'base64')));
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0; i < frame.indexes.length; i++) {
    const [r, g, b] = frame.palette[frame.indexes[i]] ?? [255, 255, 255];
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return jsQR(rgba, frame.width, frame.height)?.data ?? null;
}
