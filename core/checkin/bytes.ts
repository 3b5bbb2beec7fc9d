/**
 * Byte helpers that run the same in Node, a browser and the mini program's JS engine (which has no Buffer, and no
 * TextEncoder on older base libraries). Codes are base64url without padding so they fit a QR code's byte mode and a
 * URL alike.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET[i]] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Strict: anything but canonical unpadded base64url answers null (so no two texts decode to the same bytes). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const v = LOOKUP[text[i]];
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, else a second spelling of the same bytes would exist.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function fromUtf8(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let c: number;
    let extra: number;
    if (b < 0x80) [c, extra] = [b, 0];
    else if (b >= 0xc2 && b < 0xe0) [c, extra] = [b & 0x1f, 1];
    else if (b >= 0xe0 && b < 0xf0) [c, extra] = [b & 0x0f, 2];
    else if (b >= 0xf0 && b < 0xf5) [c, extra] = [b & 0x07, 3];
    else return null;
    if (i + extra >= bytes.length) return null;
    for (let k = 1; k <= extra; k++) {
      const n = bytes[i + k];
      if ((n & 0xc0) !== 0x80) return null;
      c = (c << 6) | (n & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 (the last would make fromCodePoint throw).
    if ((extra === 2 && (c < 0x800 || (c >= 0xd800 && c < 0xe000))) || (extra === 3 && (c < 0x10000 || c > 0x10ffff))) return null;
    i += extra + 1;
    out += String.fromCodePoint(c);
  }
  return out;
}
