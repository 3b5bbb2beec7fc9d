// Bulk roster import into the local database: node scripts/import-roster.mjs <file> [--commit] [--clean-rows-only]
// (bundles server/features/roster/cli.ts with esbuild, then runs it; see that file for exit codes and DATA_DIR).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('dist/tools/import-roster.js');
await build({ entryPoints: ['server/features/roster/cli.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
process.exit(spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1);
