// Runs bench/cloudbase-contention.ts (bundled with esbuild): node bench/cloudbase-contention.mjs   (LATENCY_MS=20)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/bench/cloudbase-contention.js');
await build({
  entryPoints: ['bench/cloudbase-contention.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  // The SDK is loaded from node_modules at run time, exactly the copies the backend pins (sdk-modules.ts).
  external: ['wx-server-sdk', '@cloudbase/*'], logLevel: 'warning',
});
process.exit(spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1);
