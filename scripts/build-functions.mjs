// Bundles every cloud function (cloudfunctions/<fn>/src/index.ts) into cloudfunctions/<fn>/index.js, the file
// CloudBase runs: CommonJS, minified, with wx-server-sdk left out (it is installed in the cloud from the function's
// package.json). The syntax target is the function's runtime as cloudbaserc.json declares it (Nodejs20.19 → node20.19),
// so the two cannot drift apart. Fails if a bundle is over the size budget.
// Usage: node scripts/build-functions.mjs [--outdir <dir>] [fn ...]
//   --outdir writes <dir>/<fn>/index.js instead (tests build their own copy, so that two test files never write one
//   file at once); the bundle is the same.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const functionsDir = join(root, 'cloudfunctions');
const BUDGET = 500 * 1024;

const args = process.argv.slice(2);
let outDir = functionsDir;
const wanted = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--outdir') outDir = resolve(args[++i] ?? '');
  else wanted.push(args[i]);
}

/** The esbuild target of a function: its runtime in cloudbaserc.json, `Nodejs<major>.<minor>` → `node<major>.<minor>`. */
function targetOf(name) {
  const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8'));
  const runtime = rc.functions?.find((f) => f.name === name)?.runtime;
  const m = /^Nodejs(\d+(?:\.\d+)?)$/.exec(runtime ?? '');
  if (!m) throw new Error(`build-functions: cloudbaserc.json declares no Node.js runtime for "${name}" (found ${runtime})`);
  return `node${m[1]}`;
}

const names = readdirSync(functionsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(functionsDir, d.name, 'src/index.ts')))
  .map((d) => d.name)
  .filter((name) => !wanted.length || wanted.includes(name));

if (!names.length) {
  console.error(`build-functions: no function found${wanted.length ? ` named ${wanted.join(', ')}` : ''}`);
  process.exit(1);
}

let failed = false;
for (const name of names) {
  const outfile = join(outDir, name, 'index.js');
  let target;
  try {
    target = targetOf(name);
    await build({
      entryPoints: [join(functionsDir, name, 'src/index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target,
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'warning',
    });
  } catch (error) {
    if (!String(error?.message).includes('Build failed')) console.error(error?.message ?? error);
    failed = true; // esbuild has printed its errors
    continue;
  }
  const size = statSync(outfile).size;
  const over = size > BUDGET;
  failed ||= over;
  console.log(
    `${relative(root, outfile)}  ${(size / 1024).toFixed(1)} KB  (${target})${over ? `  OVER the ${BUDGET / 1024} KB budget` : ''}`,
  );
}
process.exit(failed ? 1 : 0);
