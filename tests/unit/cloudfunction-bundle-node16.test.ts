import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { actAsNode16 } from '../support/oldest-runtime';
import { runCloudFunctionBundleSuite } from './cloudfunction-bundle-suite';

/**
 * Both function bundles on the oldest runtime a deploy may land on: CloudBase's Nodejs16.13. cloudbaserc.json now
 * declares Nodejs20.19, but a function keeps the runtime it was created with (it cannot be changed afterwards), so an
 * environment whose functions were created on Nodejs16.13 runs the new bundle there. What Node 17–20 added is removed
 * from this file's realm before anything loads (tests/support/oldest-runtime.ts says what and why), and the same
 * suite as on Node 20 must pass; the syntax is checked apart: the bundle must need no lowering for node16.13.
 */
jest.mock('crypto', () => require('../support/oldest-runtime').cryptoAsInNode16(jest.requireActual('crypto')));
jest.mock('node:crypto', () => require('../support/oldest-runtime').cryptoAsInNode16(jest.requireActual('node:crypto')));

const removed = actAsNode16();

describe('playing Nodejs16.13', () => {
  it('removed what Node 17–20 added, here and in node:crypto', () => {
    expect(removed).toEqual(expect.arrayContaining(['structuredClone', 'fetch', 'crypto', 'Array.prototype.findLast', 'Array.prototype.toSorted', 'AbortSignal.timeout']));
    expect(typeof (globalThis as { structuredClone?: unknown }).structuredClone).toBe('undefined');
    expect(typeof ([] as unknown as { findLast?: unknown }).findLast).toBe('undefined');
    expect((require('node:crypto') as { getRandomValues?: unknown }).getRandomValues).toBeUndefined();
    expect(typeof (require('node:crypto') as { createHash?: unknown }).createHash).toBe('function');
  });
});

runCloudFunctionBundleSuite({ label: 'Node 16.13 globals', outDir: 'node16' });

/** What esbuild emits for a regular expression literal with the `v` flag: `new RegExp("…", "…v…")`. */
const V_FLAG_REGEXP = /new RegExp\((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`),\s*["'`][a-z]*v[a-z]*["'`]\)/;

describe('syntax for Nodejs16.13', () => {
  const root = resolve(__dirname, '../..');
  // The suite above built both bundles already; built again here so that these tests also run alone (-t syntax).
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build-functions.mjs'), '--outdir', join(root, 'dist/test-functions/node16')], { cwd: root, stdio: 'pipe' });
  }, 60_000);

  it.each(['api', 'timer'])('the %s bundle (built for node20.19) needs no lowering to run on node16.13', (fn) => {
    const code = readFileSync(join(root, 'dist/test-functions/node16', fn, 'index.js'), 'utf8');
    const as = (target: string) => transformSync(code, { target, format: 'cjs', minify: true, charset: 'utf8', legalComments: 'none' }).code;
    // Same input, same options: the outputs differ only if esbuild had to rewrite syntax node16.13 does not have.
    expect(as('node16.13') === as('node20.19')).toBe(true);
    // The one syntax Node 20 has and 16.13 lacks that esbuild does not lower: a regular expression's `v` flag
    // (ES2024, V8 11). esbuild turns such a literal into `new RegExp(…, "…v…")` for either target, which would
    // throw when it runs on Node 16 — this file's realm cannot play that (it is V8 11), so the text is checked.
    expect(code).not.toMatch(V_FLAG_REGEXP);
  });

  it('the v-flag check would see one', () => {
    const code = transformSync('export const r = /[\\p{L}--[a-z]]/v;', { target: 'node20.19', format: 'cjs', minify: true }).code;
    expect(code).toMatch(V_FLAG_REGEXP);
  });
});
