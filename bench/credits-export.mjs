// The committee's credit export of a seeded college: 20,000 students, ~100,000 ledger entries in a temp SQLite file;
// dispatch('exportCredits') timed against the bare xlsx write of the same rows in the same process (target ≤ 10 s),
// and getCreditOverview. One fresh process per round; each reports the median of its runs.
// Usage: node bench/credits-export.mjs [students=20000] [runs=5] [rounds=2]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { bundle, median } from './checkin-lib.mjs';

const STUDENTS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);
const ROUNDS = Number(process.argv[4] ?? 2);
const worker = await bundle('bench/credits-export.ts');
console.log(`credit export: ${STUDENTS} students of one college (+${STUDENTS / 10} of another), median of ${RUNS} runs after one warm-up, per fresh process; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | ledger entries | seeding | exportCredits (dispatch) | bare xlsx write, same rows | ratio | getCreditOverview | rows | xlsx | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const exports = [];
let ok = true;
for (let round = 1; round <= ROUNDS; round++) {
  const r = spawnSync(process.execPath, [worker, String(STUDENTS), String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 900_000 });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) {
    console.log(`| ${round} | failed${r.error ? ` (${r.error.code})` : ''}: ${(r.stderr || r.stdout).split('\n').slice(0, 6).join(' ')} |`);
    ok = false;
    continue;
  }
  const x = JSON.parse(line);
  console.log(`| ${round} | ${x.entries} | ${(x.seedMs / 1000).toFixed(1)} s | ${x.export.toFixed(0)} ms | ${x.bare.toFixed(0)} ms | ${x.ratio.toFixed(2)} | ${x.overview.toFixed(0)} ms | ${x.rowCount} | ${(x.xlsxBytes / 1024 / 1024).toFixed(1)} MB | ${x.peakMb.toFixed(0)} MB |`);
  if (x.rowCount !== STUDENTS) ok = false;
  exports.push(x.export);
}
if (exports.length) {
  const med = median(exports);
  console.log(`exportCredits: median ${(med / 1000).toFixed(2)} s over ${exports.length} process(es)`);
  console.log(ok && Math.max(...exports) <= 10_000 ? 'MEETS TARGET (≤ 10 s)' : 'BELOW TARGET (≤ 10 s)');
}
process.exit(ok ? 0 : 1);
