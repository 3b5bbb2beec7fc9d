// Bulk work on CloudBase, measured on the REAL wx-server-sdk (database and cloud storage in process) at LATENCY_MS
// (20) per request, each call as the page makes it: a roster import (upload in parts, the import, continueJob until
// done), an officer's offline queue of scans (100 a call), the credit overview and export of the whole school (and
// the one-off backfill of the totals), and a college's export. Each scenario runs in a fresh process
// (bench/cloudbase-bulk.ts, bundled with esbuild) and prints one JSON line; this script prints them as table rows.
// Usage: node bench/cloudbase-bulk.mjs [rosterRows=20000] [scans=500] [creditStudents=20000] [collegeStudents=2000]
//        ONLY=roster,scans,credits,college selects scenarios.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROSTER = Number(process.argv[2] ?? 20_000);
const SCANS = Number(process.argv[3] ?? 500);
const CREDITS = Number(process.argv[4] ?? 20_000);
const COLLEGE = Number(process.argv[5] ?? 2_000);
const outfile = path.resolve('dist/bench/cloudbase-bulk.js');
await build({
  entryPoints: ['bench/cloudbase-bulk.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  external: ['wx-server-sdk', 'better-sqlite3'], logLevel: 'error',
});

function run(scenario, size) {
  const r = spawnSync(process.execPath, [outfile, scenario, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 3_600_000, env: process.env });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) throw new Error(`${scenario} failed: ${(r.stderr || r.stdout).slice(0, 2000)}`);
  return JSON.parse(line);
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
console.log(`CloudBase bulk work: real wx-server-sdk 4.0.2, in-process database and storage, ${process.env.LATENCY_MS ?? 20} ms per request; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
const only = (process.env.ONLY ?? 'roster,scans,credits,college').split(',');
const results = {};
if (only.includes('roster')) results.roster = run('roster', ROSTER);
if (only.includes('scans')) results.scans = run('scans', SCANS);
if (only.includes('credits')) results.credits = run('credits', CREDITS);
if (only.includes('college')) results.college = run('college', COLLEGE);
console.log(JSON.stringify(results, null, 1));
console.log('| work | size | calls | requests | wall time, all calls | slowest call | largest request | largest answer |');
console.log('|---|---|---|---|---|---|---|---|');
const row = (work, size, x) => console.log(`| ${work} | ${size} | ${x.calls} | ${x.requests} | ${s(x.ms)} | ${s(x.slowestCallMs)} | ${kb(x.largestRequestBytes)} | ${kb(x.largestResultBytes)}${x.resultsOver1MB ? ' (over 1 MB: -604001)' : ''} |`);
if (results.roster) {
  const x = results.roster;
  row('roster import (upload + import + continueJob)', `${x.rows} rows, ${kb(x.fileBytes)}`, x);
  for (const [action, c] of Object.entries(x.byCall)) console.log(`|   ${action} | | ${c.calls} | | ${s(c.totalMs)} | ${s(c.slowestMs)} | | |`);
}
if (results.scans) row('offline scans (100 a call)', `${results.scans.scans} scans`, results.scans);
if (results.credits) {
  const x = results.credits;
  row('credit overview', `${x.students} students, ${x.ledgerEntries} entries`, x.overview);
  row('credit export', `${x.export.rowCount} rows, xlsx ${kb(x.export.fileBytes)}`, x.export);
  row('backfill of the totals (rebuildCreditTotals)', `${x.backfill.students} students`, x.backfill);
}
if (results.college) row('college export (exportData, registrations)', `${results.college.students} students, ${results.college.registrations} registrations`, results.college);
