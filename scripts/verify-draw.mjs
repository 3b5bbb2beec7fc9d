// Checks a published lottery draw from outside: npm run verify-draw -- <eventId> [baseUrl]
// (bundles server/tools/verify-draw-cli.ts with esbuild, then runs it; it asks getLotteryResult over HTTP and
// recomputes the draw with the core's published algorithm).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/tools/verify-draw.js');
await build({ entryPoints: ['server/tools/verify-draw-cli.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
process.exit(spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1);
