// 500 members of one event checked in over HTTP by 4 officers scanning at once (each its own account: the branch's
// officer, the college's, the committee, an assigned staff member), against the local server (demo mode, SQLite
// synchronous=FULL). Each officer scans one member at a time, as at a door. Passes: 0 lost (every member checked in
// once), 0 doubled (the counters equal the attendance rows), every member scanned again answers 已签到 and every
// scan retried with its scan id answers as a duplicate, with the counters unchanged. A getEvent read by the same 4
// officers, 500 requests, is the baseline of the same run. R rounds, each on a fresh server.
// Usage: node bench/checkin-http.mjs [members=500] [officers=4] [rounds=3]
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { cpuMicros, startServer, stopServer, tempDir } from './lib.mjs';
import { bundle, loadClient, median, stats } from './checkin-lib.mjs';
import { byWorkers, client } from './checkin-http-client.mjs';

const MEMBERS = Number(process.argv[2] ?? 500);
const OFFICERS = Number(process.argv[3] ?? 4);
const ROUNDS = Number(process.argv[4] ?? 3);
const ACCOUNTS = ['bench-branch-officer', 'bench-college-officer', 'bench-committee', 'bench-staff'];
const EVENT = 'checkin';
const memberNo = (i) => `C${String(i + 1).padStart(7, '0')}`;
const officer = (w) => ACCOUNTS[w % ACCOUNTS.length];

const { codeComposer } = await loadClient();
const script = await bundle('bench/checkin-server.ts');

async function round() {
  const dataDir = tempDir('ysc-checkin-http-');
  const { child, port } = await startServer(script, { DATA_DIR: dataDir, BENCH_MEMBERS: String(MEMBERS) });
  const api = client(port);
  try {
    // The students fetch their passes (untimed).
    const compose = [];
    await byWorkers(MEMBERS, 32, async (i) => {
      const p = await api.call('issueCheckinPass', { eventId: EVENT }, memberNo(i));
      compose[i] = codeComposer(p.pass, p.deviceKey);
    });

    const cpu0 = cpuMicros(child.pid);
    const baseline = await byWorkers(MEMBERS, OFFICERS, (i, w) => api.post('getEvent', { eventId: EVENT }, officer(w)));
    const cpu1 = cpuMicros(child.pid);

    // Codes as the students' phones show them now (composed before the clock starts: phones do that, not the server).
    const now = new Date();
    const scans = Array.from({ length: MEMBERS }, (_, i) => ({ scanId: randomUUID(), code: compose[i](now, 'in'), purpose: 'in', scannedAt: now.toISOString(), offline: false }));
    const cpu2 = cpuMicros(child.pid);
    const run = await byWorkers(MEMBERS, OFFICERS, (i, w) => api.post('recordScans', { eventId: EVENT, scans: [scans[i]] }, officer(w)));
    const cpu3 = cpuMicros(child.pid);

    const statusOf = (r) => (r.body.ok ? r.body.data.results[0].status : `HTTP ${r.status} ${r.body.code}`);
    const tally = (rs) => rs.reduce((m, r) => ({ ...m, [statusOf(r)]: (m[statusOf(r)] ?? 0) + 1 }), {});
    const scanned = tally(run.results);
    const attendance = async () => {
      const a = await api.call('getEventAttendance', { eventId: EVENT }, ACCOUNTS[0]);
      const inRows = a.rows.filter((r) => r.checkedInAt);
      return { counts: a.counts, inRows: inRows.length, distinct: new Set(inRows.map((r) => r.studentNo)).size };
    };
    const after = await attendance();

    // Every member scanned once more, with a fresh code and scan id: 已签到, nothing written.
    const again = new Date();
    const rescans = Array.from({ length: MEMBERS }, (_, i) => ({ scanId: randomUUID(), code: compose[i](again, 'in'), purpose: 'in', scannedAt: again.toISOString(), offline: false }));
    const rescan = await byWorkers(MEMBERS, OFFICERS, (i, w) => api.post('recordScans', { eventId: EVENT, scans: [rescans[i]] }, officer(w)));
    // Every first scan retried as after a network drop (same scan id, same body): answered as a duplicate.
    const retry = await byWorkers(MEMBERS, OFFICERS, (i, w) => api.post('recordScans', { eventId: EVENT, scans: [scans[i]] }, officer(w)));
    const duplicates = retry.results.filter((r) => r.body.ok && r.body.data.results[0].duplicate && r.body.data.results[0].status === 'recorded').length;
    const final = await attendance();

    const lost = MEMBERS - final.inRows;
    const doubled = Math.max(0, final.counts.checkedIn - final.inRows) + (final.inRows - final.distinct);
    return {
      baseline: { ...stats(baseline.latencies), perSec: (MEMBERS / baseline.elapsed) * 1000, cpuPerReq: (cpu1 - cpu0) / MEMBERS, failed: baseline.results.filter((r) => !r.body.ok).length },
      scan: { ...stats(run.latencies), perSec: (MEMBERS / run.elapsed) * 1000, elapsed: run.elapsed, cpuPerReq: (cpu3 - cpu2) / MEMBERS },
      scanned, after, final, lost, doubled,
      rescan: { ...stats(rescan.latencies), tally: tally(rescan.results) },
      retry: { ...stats(retry.latencies), duplicates },
    };
  } finally {
    api.close();
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`check-in over HTTP: ${MEMBERS} members, ${OFFICERS} officers scanning at once (one scan per request), local server, SQLite synchronous=FULL; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | requests | scans/s | median | p99 | server CPU / request | outcome |');
console.log('|---|---|---|---|---|---|---|');
const results = [];
let ok = true;
for (let r = 1; r <= ROUNDS; r++) {
  const x = await round();
  results.push(x);
  const pass = x.lost === 0 && x.doubled === 0 && x.scanned.recorded === MEMBERS && x.final.counts.checkedIn === MEMBERS
    && x.rescan.tally.already === MEMBERS && x.retry.duplicates === MEMBERS && x.baseline.failed === 0;
  ok &&= pass;
  console.log(`| ${r} | baseline: getEvent | ${x.baseline.perSec.toFixed(0)} | ${x.baseline.median.toFixed(2)} ms | ${x.baseline.p99.toFixed(2)} ms | ${x.baseline.cpuPerReq.toFixed(0)} µs | ${x.baseline.failed} failed |`);
  console.log(`| ${r} | **recordScans, 1 new member each** | ${x.scan.perSec.toFixed(0)} | ${x.scan.median.toFixed(2)} ms | ${x.scan.p99.toFixed(2)} ms | ${x.scan.cpuPerReq.toFixed(0)} µs | ${JSON.stringify(x.scanned)}; all ${MEMBERS} in ${x.scan.elapsed.toFixed(0)} ms |`);
  console.log(`| ${r} | same members again (fresh codes) | | ${x.rescan.median.toFixed(2)} ms | ${x.rescan.p99.toFixed(2)} ms | | ${JSON.stringify(x.rescan.tally)} |`);
  console.log(`| ${r} | first scans retried (same scan id) | | ${x.retry.median.toFixed(2)} ms | ${x.retry.p99.toFixed(2)} ms | | ${x.retry.duplicates} duplicate |`);
  console.log(`| ${r} | counts after | | | | | checkedIn ${x.final.counts.checkedIn} / registered ${x.final.counts.registered}; rows checked in ${x.final.inRows} (distinct ${x.final.distinct}); lost ${x.lost}, doubled ${x.doubled} (after the first pass: ${x.after.counts.checkedIn}) |`);
}
const ratio = results.map((x) => x.scan.perSec / x.baseline.perSec);
console.log(`scans/s ${results.map((x) => x.scan.perSec.toFixed(0)).join(', ')}; median ${median(results.map((x) => x.scan.perSec)).toFixed(0)}; ratio to the getEvent baseline ${ratio.map((q) => q.toFixed(2)).join(', ')}; worst p99 ${Math.max(...results.map((x) => x.scan.p99)).toFixed(2)} ms`);
console.log(ok ? 'PASS (0 lost, 0 doubled, rescans already, retries duplicate)' : 'FAIL');
process.exit(ok ? 0 : 1);
