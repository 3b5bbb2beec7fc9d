// Bundles the local server (server/local/main.ts and everything it imports) into <outdir>/local.js
// (default dist/server). better-sqlite3 stays external: it is a native addon loaded from node_modules, so the
// folder must be inside the repo. Usage: node scripts/build-server.mjs [outdir]
import { build } from 'esbuild';
import path from 'node:path';

const outdir = path.resolve(process.argv[2] ?? 'dist/server');
await build({
  entryPoints: { local: 'server/local/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`built ${path.relative(process.cwd(), outdir)}/local.js`);
