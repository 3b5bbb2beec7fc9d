import { fromUtf8, utf8 } from '../../../core/checkin/bytes';

/**
 * A UTF-8 TextEncoder / TextDecoder for JS engines without them: the mini program's on older base libraries (and the
 * jsdom the weapp tests run in). @noble/curves calls `new TextEncoder()` while its modules load (a constant of its
 * hash-to-curve module), so without this the check-in pages would fail before drawing anything. Import it before
 * @noble/curves (checkin-crypto.ts does); it only fills in what is missing.
 */
class Utf8Encoder {
  readonly encoding = 'utf-8';
  encode(input = ''): Uint8Array {
    return utf8(String(input));
  }
}

class Utf8Decoder {
  readonly encoding = 'utf-8';
  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (!input) return '';
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const text = fromUtf8(bytes);
    if (text === null) throw new TypeError('The encoded data was not valid utf-8');
    return text;
  }
}

const root = (typeof globalThis === 'object' ? globalThis : {}) as Record<string, unknown>;
if (typeof root.TextEncoder !== 'function') root.TextEncoder = Utf8Encoder;
if (typeof root.TextDecoder !== 'function') root.TextDecoder = Utf8Decoder;

export {};
