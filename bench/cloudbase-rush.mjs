// A sign-up rush on CloudBase, both designs side by side (bench/cloudbase-rush.ts): 5,000 students on one event and
// 1,000 on each of five, on the real wx-server-sdk at 20 ms a request in simulated time. Prints the tables of
// docs/benchmarks.md and docs/cloudbase.md ("A sign-up rush").
// Usage: node bench/cloudbase-rush.mjs [latencyMs=20] [arrivalMs=1000]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/bench/cloudbase-rush.js');
await build({
  entryPoints: ['bench/cloudbase-rush.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  // The SDK is loaded from node_modules at run time, exactly the copies the backend pins (sdk-modules.ts).
  external: ['wx-server-sdk', '@cloudbase/*'], logLevel: 'error',
});
const r = spawnSync(process.execPath, ['--max-old-space-size=6144', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
