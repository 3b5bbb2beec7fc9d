// Runs bench/cloudbase-contention.ts (bundled with esbuild): node bench/cloudbase-contention.mjs
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/bench/cloudbase-contention.js');
await build({ entryPoints: ['bench/cloudbase-contention.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['wx-server-sdk'], logLevel: 'warning' });
process.exit(spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1);
