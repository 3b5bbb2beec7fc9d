import { deflateSync } from 'node:zlib';
import type { FileStore } from '../storage/ports';
import { KEPT_UNTIL } from '../features/publishing/covers';

/**
 * The demo's cover pictures, drawn here (nothing is downloaded): a landscape of sky, sun and hills in each event's
 * own colours, encoded as PNG by hand (RGB, 8 bits, no filter; zlib from Node). 480×300, a few kilobytes each.
 */
const WIDTH = 480;
const HEIGHT = 300;

type Rgb = readonly [number, number, number];

export interface CoverPalette {
  skyTop: Rgb;
  skyBottom: Rgb;
  sun: Rgb;
  far: Rgb;
  near: Rgb;
}

/** The events that show a picture of their own in the demo, and its colours. */
export const DEMO_COVERS: Record<string, CoverPalette> = {
  // 医学院's 导诊 under way this morning: a warm sunrise over green hills.
  'volunteer-now': { skyTop: [255, 170, 110], skyBottom: [255, 232, 196], sun: [255, 250, 230], far: [128, 178, 120], near: [60, 122, 82] },
  // Today's 主题团日: a clear blue sky over blue ridges.
  'theme-twenty': { skyTop: [70, 130, 210], skyBottom: [196, 224, 250], sun: [255, 246, 200], far: [112, 152, 204], near: [44, 92, 152] },
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of RGB pixels given by `pixel(x, y)`. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as unknown as Rgb;

/** Sky graded from top to horizon, a sun, a far ridge and a near hill. */
export function landscapePng(p: CoverPalette): Buffer {
  return encodePng(WIDTH, HEIGHT, (x, y) => {
    // A card shows the middle third of the picture (a wide band): the sun and the ridges sit there.
    const far = HEIGHT * 0.55 + Math.sin(x / 55) * 14 + Math.sin(x / 23 + 1) * 5;
    const near = HEIGHT * 0.64 + Math.sin(x / 90 + 2) * 12;
    if (y >= near) return p.near;
    if (y >= far) return p.far;
    const dx = x - WIDTH * 0.72;
    const dy = y - HEIGHT * 0.44;
    if (dx * dx + dy * dy < 24 * 24) return p.sun;
    return mix(p.skyTop, p.skyBottom, y / far);
  });
}

/**
 * Stores the demo's covers as the committee's kept uploads (purpose `cover`) and answers their file ids by event key.
 */
export async function putDemoCovers(files: FileStore, owner: string, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [key, palette] of Object.entries(DEMO_COVERS)) {
    const stored = await files.put({ name: `${key}.png`, contentType: 'image/png', bytes: landscapePng(palette), purpose: 'cover', owner, expiresAt: KEPT_UNTIL }, now);
    ids.set(key, stored.fileId);
  }
  return ids;
}
