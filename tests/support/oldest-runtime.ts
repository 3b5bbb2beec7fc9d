/**
 * The oldest runtime a deploy of our functions may land on, played in a jest test file: CloudBase's Nodejs16.13.
 *
 * Why it still matters after cloudbaserc.json moved to Nodejs20.19: a function's runtime is chosen when the function
 * is CREATED and cannot be changed afterwards (Tencent Cloud's UpdateFunctionConfiguration: "Runtime 函数运行环境，
 * 创建时指定，目前不支持修改"). An environment whose `api` or `timer` was created on Nodejs16.13 (this project's
 * runtime until now, and a common default of DevTools-created functions) keeps running the new bundle on Node 16
 * until someone deletes and recreates the function. So the bundles must keep working there.
 *
 * What Node 17–20 added that our code could reach for without noticing, and that is removed here (each a global or a
 * method of this realm's built-ins — jest gives every test file its own realm, so nothing leaks into other files):
 * - `structuredClone` (17.0) — the adapter once used it (see core/plain-copy.ts);
 * - the WHATWG `fetch` family `fetch`, `Headers`, `Request`, `Response`, `FormData` (18.0), and `Blob` (18.0 as a
 *   global; `require('buffer').Blob` exists in 16), `File` (20.0), `DOMException` (17.0), `BroadcastChannel` (18.0),
 *   `CustomEvent` (19.0), the web streams (`ReadableStream`…, `CompressionStream`…, 18.0), and the Web Crypto
 *   global `crypto` (19.0; `require('crypto').webcrypto` exists in 16);
 * - `Array.prototype.findLast` / `findLastIndex` (18.0, also on typed arrays), the copying array methods `toSorted`,
 *   `toReversed`, `toSpliced`, `with` (20.0), `String.prototype.isWellFormed` / `toWellFormed` (20.0),
 *   `ArrayBuffer.prototype.resize` / `resizable` (20.0), `Intl.supportedValuesOf` (18.0);
 * - `AbortSignal.timeout` (17.3) and `AbortSignal.any` (20.3), on a stand-in class: the real one is shared with jest;
 * - from `require('crypto')`: `getRandomValues` and `subtle` (17.4) — `cryptoAsInNode16` (used through jest.mock).
 * Kept, because Node 16.13 has them: `Object.hasOwn` (16.9), `Array.prototype.at` (16.6), `Error` `cause` (16.9),
 * `crypto.randomUUID` (14.17), `AbortController`, `EventTarget`, `TextEncoder`, `URL`, `Buffer`, `performance`.
 * Syntax is checked apart (esbuild: the bundle must need no lowering for node16.13); Node's module APIs beyond
 * crypto are not removed (the server uses only Node ≤ 15 APIs of fs, path, zlib, net, http).
 */

export const NODE16_MISSING_GLOBALS = [
  'structuredClone',
  'fetch',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'Blob',
  'File',
  'DOMException',
  'BroadcastChannel',
  'CustomEvent',
  'crypto',
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest',
  'ReadableByteStreamController',
  'ReadableStreamDefaultController',
  'TransformStream',
  'TransformStreamDefaultController',
  'WritableStream',
  'WritableStreamDefaultWriter',
  'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy',
  'CountQueuingStrategy',
  'TextEncoderStream',
  'TextDecoderStream',
  'CompressionStream',
  'DecompressionStream',
] as const;

type Proto = Record<string, unknown>;

const NODE16_MISSING_METHODS: Array<[string, Proto, string[]]> = [
  ['Array.prototype', Array.prototype as unknown as Proto, ['findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']],
  [
    'TypedArray.prototype',
    Object.getPrototypeOf(Uint8Array.prototype) as Proto,
    ['findLast', 'findLastIndex', 'toSorted', 'toReversed', 'with'],
  ],
  ['String.prototype', String.prototype as unknown as Proto, ['isWellFormed', 'toWellFormed']],
  ['ArrayBuffer.prototype', ArrayBuffer.prototype as unknown as Proto, ['resize', 'resizable', 'maxByteLength']],
  ['Intl', Intl as unknown as Proto, ['supportedValuesOf']],
];

/**
 * Removes, from this test file's realm, what Node 16.13 lacks (see above). Call it first thing in a test file,
 * before anything of the code under test is loaded. Returns what was actually removed (for the test to show).
 */
export function actAsNode16(): string[] {
  const removed: string[] = [];
  const g = globalThis as Record<string, unknown>;
  for (const name of NODE16_MISSING_GLOBALS) {
    if (name in g) {
      delete g[name];
      if (name in g) Object.defineProperty(g, name, { value: undefined, configurable: true, writable: true });
      removed.push(name);
    }
  }
  for (const [where, proto, names] of NODE16_MISSING_METHODS) {
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(proto, name)) {
        delete proto[name];
        removed.push(`${where}.${name}`);
      }
    }
  }
  const RealAbortSignal = g.AbortSignal as (typeof AbortSignal & Proto) | undefined;
  if (RealAbortSignal) {
    class Node16AbortSignal extends (RealAbortSignal as unknown as { new (): object }) {}
    for (const name of ['timeout', 'any']) {
      Object.defineProperty(Node16AbortSignal, name, { value: undefined });
      removed.push(`AbortSignal.${name}`);
    }
    g.AbortSignal = Node16AbortSignal;
  }
  return removed;
}

/** `require('crypto')` as Node 16.13 has it: without `getRandomValues` and `subtle` (17.4). For jest.mock. */
export function cryptoAsInNode16<T extends object>(crypto: T): T {
  const missing = new Set<PropertyKey>(['getRandomValues', 'subtle']);
  return new Proxy(crypto, {
    get: (target, prop, receiver) => (missing.has(prop) ? undefined : Reflect.get(target, prop, receiver)),
    has: (target, prop) => !missing.has(prop) && Reflect.has(target, prop),
  });
}
