// Bulk work on CloudBase, measured on the REAL wx-server-sdk over the in-process backend at LATENCY_MS (20) per
// request: a roster import, an officer's offline batch of scans, the credit overview and export of the whole school.
// Each scenario runs in a fresh process (bench/cloudbase-bulk.ts, bundled with esbuild) and prints one JSON line;
// this script prints them as table rows, with the time per row / scan extrapolated to the full sizes.
// Usage: node bench/cloudbase-bulk.mjs [rosterRows=2000] [scans=100] [creditStudents=20000]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROSTER = Number(process.argv[2] ?? 2000);
const SCANS = Number(process.argv[3] ?? 100);
const CREDITS = Number(process.argv[4] ?? 20_000);
const outfile = path.resolve('dist/bench/cloudbase-bulk.js');
await build({
  entryPoints: ['bench/cloudbase-bulk.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  external: ['wx-server-sdk', 'better-sqlite3'], logLevel: 'error',
});

function run(scenario, size) {
  const r = spawnSync(process.execPath, [outfile, scenario, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 1_800_000, env: process.env });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) throw new Error(`${scenario} failed: ${(r.stderr || r.stdout).slice(0, 2000)}`);
  return JSON.parse(line);
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
console.log(`CloudBase bulk work: real wx-server-sdk 4.0.2, in-process backend, ${process.env.LATENCY_MS ?? 20} ms per request; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
const only = (process.env.ONLY ?? 'roster,scans,credits').split(',');
const results = {};
if (only.includes('roster')) results.roster = run('roster', ROSTER);
if (only.includes('scans')) results.scans = run('scans', SCANS);
if (only.includes('credits')) results.credits = run('credits', CREDITS);
console.log(JSON.stringify(results, null, 1));
console.log('| work | measured size | calls | requests | wall time | largest request | largest answer | extrapolated |');
console.log('|---|---|---|---|---|---|---|---|');
if (results.roster) {
  const x = results.roster;
  console.log(`| roster import | ${x.rows} rows | ${x.calls} | ${x.requests} | ${s(x.ms)} | ${kb(x.largestRequestBytes)} | ${kb(x.resultBytes)} | 20,000 rows: ${s((x.ms * 20_000) / x.rows)}, ${Math.round((x.requests * 20_000) / x.rows)} requests, request ${kb(x.requestBytesFor20000)} |`);
}
if (results.scans) {
  const x = results.scans;
  console.log(`| offline scans | ${x.scans} scans | ${x.calls} | ${x.requests} | ${s(x.ms)} | ${kb(x.largestRequestBytes)} | ${kb(x.resultBytes)} | 500 scans: ${s((x.ms * 500) / x.scans)}, ${Math.round((x.requests * 500) / x.scans)} requests |`);
}
if (results.credits) {
  const x = results.credits;
  console.log(`| credit overview | ${x.students} students, ${x.ledgerEntries} entries | 1 | ${x.overview.requests} | ${s(x.overview.ms)} | — | ${kb(x.overview.resultBytes)} | |`);
  console.log(`| credit export | ${x.students} students | 1 | ${x.export.requests} | ${s(x.export.ms)} | — | ${kb(x.export.resultBytes)}${x.export.resultOk ? '' : ' (over 1 MB: -604001)'} | |`);
}
