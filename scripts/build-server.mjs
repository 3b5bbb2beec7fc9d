// Bundles the local server (server/local/main.ts and everything it imports) into dist/server/local.js.
// better-sqlite3 stays external: it is a native addon loaded from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/local/main.ts'],
  outfile: 'dist/server/local.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server/local.js');
