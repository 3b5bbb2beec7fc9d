// One student's transcript with 300 ledger entries over 100 events, through dispatch in process (target: median and
// p99 ≤ 10 ms), against a getEvent read through the same door as the baseline; R fresh processes, each over a fresh
// SQLite file (synchronous=FULL).
// Usage: node bench/transcript.mjs [iterations=1000] [rounds=3]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { bundle, median } from './checkin-lib.mjs';

const N = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 3);
const worker = await bundle('bench/transcript.ts');
const LABELS = { baseline: 'baseline: dispatch getEvent (the student)', transcript: '**dispatch getMyTranscript, 300 entries**' };
console.log(`transcript in process: ${N} measured calls per round (after 100 warm-up); Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | measurement | median | p99 | mean | median / baseline |');
console.log('|---|---|---|---|---|---|');
const results = [];
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
  if (res.entries !== 300 || res.shown !== 300) {
    console.log(`|   | expected 300 entries, the ledger has ${res.entries} and the transcript shows ${res.shown} | | | | |`);
    ok = false;
  }
  results.push(res.rows.find((x) => x.name === 'transcript'));
}
if (results.length) {
  const med = median(results.map((s) => s.median));
  const p99 = Math.max(...results.map((s) => s.p99));
  console.log(`getMyTranscript: median of medians ${med.toFixed(3)} ms, worst p99 ${p99.toFixed(3)} ms, ratio to baseline ${results.map((s) => s.ratio.toFixed(1)).join(', ')}`);
  console.log(ok && med <= 10 && p99 <= 10 ? 'MEETS TARGET (median and p99 ≤ 10 ms)' : 'BELOW TARGET (median and p99 ≤ 10 ms)');
}
process.exit(ok ? 0 : 1);
