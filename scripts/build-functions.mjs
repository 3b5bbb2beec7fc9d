// Bundles every cloud function (cloudfunctions/<fn>/src/index.ts) into cloudfunctions/<fn>/index.js, the file
// CloudBase runs: CommonJS for its Node runtime (target node16), minified, with wx-server-sdk left out (it is
// installed in the cloud from the function's package.json). Fails if a bundle is over the size budget.
// Usage: node scripts/build-functions.mjs [fn ...]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const functionsDir = join(root, 'cloudfunctions');
const BUDGET = 500 * 1024;

const wanted = process.argv.slice(2);
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
  const outfile = join(functionsDir, name, 'index.js');
  try {
    await build({
      entryPoints: [join(functionsDir, name, 'src/index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'warning',
    });
  } catch {
    failed = true; // esbuild has printed the errors
    continue;
  }
  const size = statSync(outfile).size;
  const over = size > BUDGET;
  failed ||= over;
  console.log(
    `${relative(root, outfile)}  ${(size / 1024).toFixed(1)} KB${over ? `  OVER the ${BUDGET / 1024} KB budget` : ''}`,
  );
}
process.exit(failed ? 1 : 0);
