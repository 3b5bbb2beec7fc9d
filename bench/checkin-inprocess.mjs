// Verify + record one check-in in process (target: median and p99 ≤ 5 ms), split into its parts, with a getEvent read
// through the same dispatch as the baseline; R fresh processes, each over a fresh SQLite file (synchronous=FULL).
// Usage: node bench/checkin-inprocess.mjs [iterations=500] [rounds=3]   (SYNCHRONOUS=NORMAL: diagnostic, not durable)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { bundle, median } from './checkin-lib.mjs';

const N = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 3);
const worker = await bundle('bench/checkin-inprocess.ts');
const LABELS = {
  baseline: 'baseline: dispatch getEvent (officer)',
  fsync: 'the disk: 4 KB write + fdatasync',
  verify: 'verify only (node:crypto, server)',
  'verify-phone': 'verify only (@noble/curves, phone offline; this CPU)',
  record: 'record only (storage.recordScan)',
  scan: '**verify + record: dispatch recordScans, 1 scan**',
  rescan: 'second scan of the same member (已签到)',
};
console.log(`check-in in process: ${N} measured scans per round (after 100 warm-up), ${3 * (N + 100)} confirmed registrations, SQLite synchronous=${process.env.SYNCHRONOUS ?? 'FULL'}; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | measurement | median | p99 | mean | median / baseline |');
console.log('|---|---|---|---|---|---|');
const scans = [];
let ok = true;
for (let round = 1; round <= ROUNDS; round++) {
  const r = spawnSync(process.execPath, [worker, String(N)], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) {
    console.log(`| ${round} | failed${r.error ? ` (${r.error.code})` : ''}: ${(r.stderr || r.stdout).split('\n').slice(0, 6).join(' ')} |`);
    ok = false;
    continue;
  }
  const res = JSON.parse(line);
  for (const row of res.rows) {
    console.log(`| ${round} | ${LABELS[row.name]} | ${row.median.toFixed(3)} ms | ${row.p99.toFixed(3)} ms | ${row.mean.toFixed(3)} ms | ${row.ratio.toFixed(1)} |`);
  }
  const scan = res.rows.find((x) => x.name === 'scan');
  scans.push(scan);
  console.log(`|   | checked in afterwards: ${res.counts.checkedIn} (expected ${res.expectedCheckedIn}) | | | | |`);
  if (res.counts.checkedIn !== res.expectedCheckedIn) ok = false;
}
if (scans.length) {
  const med = median(scans.map((s) => s.median));
  const p99 = Math.max(...scans.map((s) => s.p99));
  console.log(`verify + record: median of medians ${med.toFixed(3)} ms, worst p99 ${p99.toFixed(3)} ms, ratio to baseline ${scans.map((s) => s.ratio.toFixed(1)).join(', ')}`);
  console.log(ok && med <= 5 && p99 <= 5 ? 'MEETS TARGET (median and p99 ≤ 5 ms)' : 'BELOW TARGET (median and p99 ≤ 5 ms)');
}
process.exit(ok ? 0 : 1);
