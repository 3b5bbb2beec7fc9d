// Shared by the check-in benchmarks: bundles a TypeScript entry of bench/ with esbuild (as lib.mjs does for the bench
// server; better-sqlite3 stays external, so the output stays inside the repo), and small statistics.
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

export async function bundle(entry) {
  const outfile = path.resolve('dist/bench', `${path.basename(entry, '.ts')}.js`);
  await build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    external: ['better-sqlite3'], logLevel: 'warning',
  });
  return outfile;
}

/** The client side of a scanner (compose member codes, as the student's phone does), loaded into this process. */
export async function loadClient() {
  const file = await bundle('bench/checkin-client.ts');
  return createRequire(import.meta.url)(file);
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, median: at(0.5), p99: at(0.99), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const ms = (x, d = 2) => `${x.toFixed(d)} ms`;
