// Issue 16: 5,000 students apply to one 200-seat lottery at the same moment, over HTTP to the local server (SQLite
// synchronous=FULL, demo mode), all requests in flight at once (keep-alive agent, maxSockets 1,000 by default).
// Passes only if every answer is 申请成功 ('applied'), the database then holds exactly 5,000 applications of 5,000
// distinct students (none lost, none doubled), every application sent again is refused as ALREADY_SIGNED_UP with the
// count unchanged, and the organiser's draw (drawLottery, the server's clock moved past the window) places all of them
// with exactly `seats` winners. Baselines of the same run, same students, same concurrency: getEvent (a read) and the
// first-come signUp burst on a second event (a write on one contended counter; before the lottery's in even rounds,
// after it in odd ones), after an untimed warm-up burst that opens the sockets. R rounds, each on a fresh server.
// Usage: node bench/lottery-apply-http.mjs [students=5000] [rounds=3] [seats=200] [maxSockets=1000]
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { cpuMicros, startServer, stopServer, tempDir } from './lib.mjs';
import { bundle, median } from './checkin-lib.mjs';
import { client } from './checkin-http-client.mjs';

const N = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 3);
const SEATS = Number(process.argv[4] ?? 200);
const SOCKETS = Number(process.argv[5] ?? 1000);
const student = (i) => `L${String(i + 1).padStart(7, '0')}`;
const Database = createRequire(import.meta.url)('better-sqlite3');

/** All N requests started at once; answers each one's answer and latency, the wall time and the server's CPU. */
async function burst(api, pid, action, body) {
  const latencies = new Array(N);
  const cpu0 = cpuMicros(pid);
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: N }, async (_, i) => {
    const t0 = performance.now();
    // A request lost on the way is a result to count (not lost silently, not a crash): answered as a failure.
    const r = await api.post(action, body, student(i)).then((x) => x.body, (e) => ({ ok: false, code: 'NETWORK', message: e.message }));
    latencies[i] = performance.now() - t0;
    return r;
  }));
  const elapsed = performance.now() - started;
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return {
    results, elapsed, perSec: (N / elapsed) * 1000, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1),
    cpuPerReq: (cpuMicros(pid) - cpu0) / N, failed: results.filter((r) => !r.ok),
  };
}

/** The lottery's registrations as the database holds them (read-only, beside the running server: WAL). */
function applications(dbFile) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const byStatus = Object.fromEntries(db.prepare("SELECT status, COUNT(*) AS n FROM registrations WHERE event_id = 'lottery' GROUP BY status").all().map((r) => [r.status, r.n]));
    const { n: rows, students: distinct } = db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT student_no) AS students FROM registrations WHERE event_id = 'lottery'").get();
    const ranks = db.prepare("SELECT COUNT(DISTINCT draw_rank) AS n, MIN(draw_rank) AS lo, MAX(draw_rank) AS hi FROM registrations WHERE event_id = 'lottery' AND draw_rank IS NOT NULL").get();
    return { byStatus, rows, distinct, ranks };
  } finally {
    db.close();
  }
}

function waitFor(child, pattern) {
  return new Promise((resolve) => {
    let out = '';
    const listen = (d) => {
      out += d;
      if (pattern.test(out)) {
        child.stdout.off('data', listen);
        resolve();
      }
    };
    child.stdout.on('data', listen);
  });
}

const tally = (rs, of) => rs.reduce((m, r) => ({ ...m, [of(r)]: (m[of(r)] ?? 0) + 1 }), {});

async function round(r) {
  const dataDir = tempDir('ysc-lottery-http-');
  const dbFile = path.join(dataDir, 'bench.db');
  const { child, port } = await startServer(script, { DATA_DIR: dataDir, BENCH_STUDENTS: String(N), BENCH_SEATS: String(SEATS) });
  const api = client(port, SOCKETS);
  try {
    // Untimed warm-up: every socket opened and every student read once, so that no measurement pays for the first.
    await burst(api, child.pid, 'getEvent', { eventId: 'burst' });
    const read = await burst(api, child.pid, 'getEvent', { eventId: 'lottery' });
    // The two sign-up bursts take turns going first (a student's first sign-up of a run reads more: the block rule).
    const firstComeFirst = r % 2 === 0 ? await burst(api, child.pid, 'signUp', { eventId: 'burst' }) : null;
    const apply = await burst(api, child.pid, 'signUp', { eventId: 'lottery' });
    const applied = tally(apply.results, (r) => (r.ok ? r.data.registration.status : r.code));
    const stored = applications(dbFile);
    // Every application sent again, as after a network drop: refused, nothing written.
    const again = await burst(api, child.pid, 'signUp', { eventId: 'lottery' });
    const resent = tally(again.results, (r) => (r.ok ? r.data.registration.status : r.code));
    const storedAgain = applications(dbFile);
    const firstCome = firstComeFirst ?? await burst(api, child.pid, 'signUp', { eventId: 'burst' });
    const placed = tally(firstCome.results, (r) => (r.ok ? r.data.registration.status : r.code));

    // The window closes (the server's clock moves on), the organiser draws.
    const moved = waitFor(child, /CLOCK \d+/);
    child.kill('SIGUSR2');
    await moved;
    const t0 = performance.now();
    const draw = (await api.post('drawLottery', { eventId: 'lottery' }, 'bench-committee')).body;
    const drawMs = performance.now() - t0;
    const drawn = applications(dbFile);
    return { read, apply, applied, stored, again, resent, storedAgain, firstCome, placed, draw, drawMs, drawn };
  } finally {
    api.close();
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const script = await bundle('bench/lottery-apply-server.ts');
const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
console.log(`lottery applications over HTTP: ${N} students at once (maxSockets ${SOCKETS}), ${SEATS} seats, local server, SQLite synchronous=FULL; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}; load average before ${load}`);
console.log('| round | requests | per s | p50 | p95 | p99 | max | server CPU / request | answers |');
console.log('|---|---|---|---|---|---|---|---|---|');
const runs = [];
let ok = true;
const ms = (x) => `${x.toFixed(1)} ms`;
const row = (r, name, b, answers) =>
  console.log(`| ${r} | ${name} | ${b.perSec.toFixed(0)} | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | ${ms(b.max)} | ${b.cpuPerReq.toFixed(0)} µs | ${answers} |`);
for (let r = 1; r <= ROUNDS; r++) {
  const x = await round(r);
  runs.push(x);
  const lottery = x.draw.ok ? x.draw.data.lottery : null;
  const winners = lottery?.winners ?? lottery?.outcome?.winners ?? null;
  const pass = x.apply.failed.length === 0 && x.applied.applied === N
    && x.stored.rows === N && x.stored.distinct === N && x.stored.byStatus.applied === N
    && x.resent.ALREADY_SIGNED_UP === N && x.storedAgain.rows === N && x.read.failed.length === 0
    && x.draw.ok && x.draw.data.placed === N
    && x.drawn.byStatus.confirmed === SEATS && x.drawn.byStatus.waitlisted === N - SEATS && !x.drawn.byStatus.applied
    && x.drawn.ranks.n === N && x.drawn.ranks.lo === 1 && x.drawn.ranks.hi === N;
  ok &&= pass;
  row(r, 'baseline: getEvent', x.read, `${x.read.failed.length} failed`);
  row(r, `baseline: first-come signUp (${r % 2 === 0 ? 'before' : 'after'} the lottery's)`, x.firstCome, JSON.stringify(x.placed));
  row(r, '**lottery signUp (apply)**', x.apply, `${JSON.stringify(x.applied)}; stored ${x.stored.rows} rows, ${x.stored.distinct} students`);
  row(r, 'same applications again', x.again, `${JSON.stringify(x.resent)}; stored ${x.storedAgain.rows}`);
  console.log(`| ${r} | drawLottery (organiser) | | ${ms(x.drawMs)} | | | | | ${x.draw.ok ? `placed ${x.draw.data.placed}, winners ${winners}` : JSON.stringify(x.draw)}; stored ${JSON.stringify(x.drawn.byStatus)}, ranks ${x.drawn.ranks.lo}–${x.drawn.ranks.hi} (${x.drawn.ranks.n} distinct) |`);
  if (!pass && x.apply.failed.length) console.log('  first refusal:', x.apply.failed[0]);
}
const ratio = (f) => runs.map((x) => f(x).toFixed(2)).join(', ');
console.log(`apply/s ${runs.map((x) => x.apply.perSec.toFixed(0)).join(', ')} (median ${median(runs.map((x) => x.apply.perSec)).toFixed(0)}); `
  + `throughput ratio to getEvent ${ratio((x) => x.apply.perSec / x.read.perSec)}, to the first-come burst ${ratio((x) => x.apply.perSec / x.firstCome.perSec)}; `
  + `server CPU per request ratio to getEvent ${ratio((x) => x.apply.cpuPerReq / x.read.cpuPerReq)}, to the first-come burst ${ratio((x) => x.apply.cpuPerReq / x.firstCome.cpuPerReq)}; `
  + `p99 ${runs.map((x) => ms(x.apply.p99)).join(', ')}; draw ${runs.map((x) => ms(x.drawMs)).join(', ')}; load average after ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
console.log(ok ? `PASS (${N} applied, 0 lost, 0 doubled, resends refused, ${SEATS} winners)` : 'FAIL');
process.exit(ok ? 0 : 1);
