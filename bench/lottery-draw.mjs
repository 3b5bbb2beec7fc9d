// The draw for 5,000 applicants, in process (target: the median draw ≤ 100 ms; p99 printed, and compared with the
// baseline's, which shows how loaded the machine was), without and with priority weights, against sorting the same
// pseudonyms as the baseline; R fresh processes.
// Usage: node bench/lottery-draw.mjs [iterations=50] [rounds=3] [applicants=5000]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { bundle } from './checkin-lib.mjs';

const N = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 3);
const APPLICANTS = Number(process.argv[4] ?? 5000);
const worker = await bundle('bench/lottery-draw.ts');
const LABELS = { baseline: 'baseline: sort 5,000 pseudonyms', plain: '**assignDraw, no weights**', weighted: '**assignDraw, weights 1–3**' };
console.log(`lottery draw in process: ${APPLICANTS} applicants, 300 seats, ${N} measured draws per round (after 5 warm-up); Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | measurement | median | p99 | mean | median / baseline |');
console.log('|---|---|---|---|---|---|');
let worst = 0;
let ok = true;
const medians = [];
for (let round = 1; round <= ROUNDS; round++) {
  const r = spawnSync(process.execPath, [worker, String(N), String(APPLICANTS)], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) {
    console.log(`| ${round} | failed: ${(r.stderr || r.stdout).split('\n').slice(0, 6).join(' ')} |`);
    ok = false;
    continue;
  }
  const res = JSON.parse(line);
  for (const row of res.rows) {
    console.log(`| ${round} | ${LABELS[row.name]} | ${row.median.toFixed(2)} ms | ${row.p99.toFixed(2)} ms | ${row.mean.toFixed(2)} ms | ${row.ratio.toFixed(1)} |`);
    if (row.name !== 'baseline') {
      worst = Math.max(worst, row.p99);
      medians.push(row.median);
    }
  }
}
const slowest = Math.max(...medians);
console.log(`${ok && slowest <= 100 ? 'MEETS TARGET' : 'BELOW TARGET'} (slowest median ${slowest.toFixed(2)} ms, target ≤ 100 ms; worst p99 ${worst.toFixed(2)} ms)`);
