// Every action of the contract at school scale on the real wx-server-sdk over the in-process CloudBase backend, 20 ms a
// request in simulated time (bench/cloudbase-actions.ts): prints the table of docs/cloudbase.md ("Every action at
// school scale"). Bundled with esbuild, run in a process of its own with room for the school's documents.
// Usage: node bench/cloudbase-actions.mjs [events=2000] [registrations=200000]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/bench/cloudbase-actions.js');
await build({
  entryPoints: ['bench/cloudbase-actions.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  // The SDK is loaded from node_modules at run time, exactly the copies the backend pins (sdk-modules.ts).
  external: ['wx-server-sdk', '@cloudbase/*'], logLevel: 'error',
});
const r = spawnSync(process.execPath, ['--max-old-space-size=6144', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
