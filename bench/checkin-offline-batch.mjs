// An officer back online uploads 500 offline scans in batches of 100 (recordScans, offline: true, each with the phone's
// own scan time spread over the last 20 minutes; 100 is the most a call takes), one request after another, against
// the local server (demo mode, SQLite synchronous=FULL). Then the same batches again, as after a lost answer: every
// scan answered as a duplicate, the counters unchanged.
// R rounds, each on a fresh server. Usage: node bench/checkin-offline-batch.mjs [scans=500] [rounds=3]
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { cpuMicros, startServer, stopServer, tempDir } from './lib.mjs';
import { bundle, loadClient, median } from './checkin-lib.mjs';
import { byWorkers, client } from './checkin-http-client.mjs';

const SCANS = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 3);
const EVENT = 'checkin';
const OFFICER = 'bench-branch-officer';
const memberNo = (i) => `C${String(i + 1).padStart(7, '0')}`;

const { codeComposer } = await loadClient();
const script = await bundle('bench/checkin-server.ts');

async function round() {
  const dataDir = tempDir('ysc-checkin-offline-');
  const { child, port } = await startServer(script, { DATA_DIR: dataDir, BENCH_MEMBERS: String(SCANS) });
  const api = client(port);
  try {
    const compose = [];
    await byWorkers(SCANS, 32, async (i) => {
      const p = await api.call('issueCheckinPass', { eventId: EVENT }, memberNo(i));
      compose[i] = codeComposer(p.pass, p.deviceKey);
    });
    // The phone verified and kept each scan at its own time; the code is the one shown then.
    const start = Date.now() - 20 * 60_000;
    const scans = Array.from({ length: SCANS }, (_, i) => {
      const at = new Date(start + Math.floor((i * 20 * 60_000) / SCANS));
      return { scanId: randomUUID(), code: compose[i](at, 'in'), purpose: 'in', scannedAt: at.toISOString(), offline: true };
    });
    const batches = Array.from({ length: Math.ceil(SCANS / 100) }, (_, k) => ({ eventId: EVENT, scans: scans.slice(k * 100, k * 100 + 100) }));
    // The batches of one upload, one after another, as one answer: results in order, the last counts.
    const upload = async () => {
      let merged = null;
      for (const body of batches) {
        const r = await api.post('recordScans', body, OFFICER);
        if (!r.body.ok) return r;
        merged = merged ? { ...r, bytes: merged.bytes + r.bytes, body: { ok: true, data: { results: [...merged.body.data.results, ...r.body.data.results], counts: r.body.data.counts } } } : r;
      }
      return merged;
    };
    const cpu0 = cpuMicros(child.pid);
    const t0 = performance.now();
    const first = await upload();
    const t1 = performance.now();
    const cpu1 = cpuMicros(child.pid);
    const second = await upload();
    const t2 = performance.now();
    const cpu2 = cpuMicros(child.pid);
    const attendance = await api.call('getEventAttendance', { eventId: EVENT }, OFFICER);
    const tally = (r) => (r.body.ok ? r.body.data.results.reduce((m, x) => ({ ...m, [`${x.status}${x.duplicate ? ' (duplicate)' : ''}`]: (m[`${x.status}${x.duplicate ? ' (duplicate)' : ''}`] ?? 0) + 1 }), {}) : { [`HTTP ${r.status} ${r.body.code}: ${r.body.message}`]: 1 });
    const inRows = attendance.rows.filter((r) => r.checkedInAt);
    // The recorded check-in times are the phone's, not the upload's.
    const ownTimes = inRows.filter((r) => scans.some((s, i) => memberNo(i) === r.studentNo && s.scannedAt === r.checkedInAt)).length;
    return {
      bytes: first.bytes, firstMs: t1 - t0, secondMs: t2 - t1, firstCpu: cpu1 - cpu0, secondCpu: cpu2 - cpu1,
      first: tally(first), second: tally(second),
      countsAfterFirst: first.body.ok ? first.body.data.counts : null, countsAfterSecond: second.body.ok ? second.body.data.counts : null,
      rows: inRows.length, distinct: new Set(inRows.map((r) => r.studentNo)).size, ownTimes,
    };
  } finally {
    api.close();
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`offline batch: ${SCANS} offline scans uploaded in requests of 100, then the same requests again; local server, SQLite synchronous=FULL; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}`);
console.log('| round | request | body | answered in | server CPU | results | counts after |');
console.log('|---|---|---|---|---|---|---|');
const results = [];
let ok = true;
for (let r = 1; r <= ROUNDS; r++) {
  const x = await round();
  results.push(x);
  const pass = x.first.recorded === SCANS && x.second['recorded (duplicate)'] === SCANS && x.countsAfterFirst?.checkedIn === SCANS
    && x.countsAfterSecond?.checkedIn === SCANS && x.rows === SCANS && x.distinct === SCANS && x.ownTimes === SCANS;
  ok &&= pass;
  const kb = `${(x.bytes / 1024).toFixed(0)} KB`;
  console.log(`| ${r} | first upload | ${kb} | **${x.firstMs.toFixed(0)} ms** | ${(x.firstCpu / 1000).toFixed(0)} ms | ${JSON.stringify(x.first)} | checkedIn ${x.countsAfterFirst?.checkedIn} |`);
  console.log(`| ${r} | same batch again | ${kb} | **${x.secondMs.toFixed(0)} ms** | ${(x.secondCpu / 1000).toFixed(0)} ms | ${JSON.stringify(x.second)} | checkedIn ${x.countsAfterSecond?.checkedIn}; rows checked in ${x.rows} (distinct ${x.distinct}), at the phone's scan time ${x.ownTimes} |`);
}
console.log(`first upload ${results.map((x) => x.firstMs.toFixed(0)).join(', ')} ms (median ${median(results.map((x) => x.firstMs)).toFixed(0)}); again ${results.map((x) => x.secondMs.toFixed(0)).join(', ')} ms (median ${median(results.map((x) => x.secondMs)).toFixed(0)})`);
console.log(ok ? `PASS (${SCANS} recorded once, the second upload all duplicates, counts unchanged)` : 'FAIL');
process.exit(ok ? 0 : 1);
