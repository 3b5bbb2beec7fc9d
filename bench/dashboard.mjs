// The yearly-target dashboard on a seeded year (20,000 students, 2,000 events, 200,000 registrations; target < 1 s):
// getDashboard through dispatch in process, then over HTTP from the local server (server/local/main.ts, as `npm start`
// runs it) opened on the same data folder, each against a same-run baseline (getEvent through the same door). Last,
// the scheduled job on that year (the local server runs it every minute). Median and p95 (nearest rank) of N calls
// after one warm-up.
// Usage: node bench/dashboard.mjs [calls=10]
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { bundle } from './checkin-lib.mjs';
import { tempDir } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 10);
const worker = await bundle('bench/dashboard.ts');
// The local server as `npm start` builds it (scripts/build-server.mjs), inside the repo so better-sqlite3 resolves.
const serverScript = path.resolve('dist/bench/dashboard-local-server.js');
await build({
  entryPoints: ['server/local/main.ts'], outfile: serverScript, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  external: ['better-sqlite3'], logLevel: 'warning',
});

const dir = tempDir('ysc-dashboard-');
const nearest = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const summary = (xs) => ({ median: nearest(xs, 0.5), p95: nearest(xs, 0.95), max: Math.max(...xs) });
const num = (x) => x.toFixed(x < 10 ? 2 : 1);
const fmt = (s) => `${num(s.median)} ms | ${num(s.p95)} ms`;
let ok = true;

try {
  console.log(`dashboard: ${RUNS} measured calls after 1 warm-up; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const seeded = run(['seed', dir, String(RUNS)]);
  const c = seeded.counts;
  console.log(`seeded ${c.students} students, ${c.events} events, ${c.registrations} registrations (${c.confirmed} confirmed), ${c.attendances} attendances in ${(seeded.seedMs / 1000).toFixed(1)} s`);
  console.log(`check: dashboard students ${seeded.check.students}, confirmed in range ${seeded.check.confirmed}, attendances ${seeded.check.attendances}, one college ${seeded.check.collegeStudents} students, answer ${(seeded.check.bytes / 1024).toFixed(0)} KB`);
  if (seeded.check.students !== c.students) ok = false;

  console.log('| where | measurement | median | p95 | median / baseline |');
  console.log('|---|---|---|---|---|');
  const rows = [];
  rows.push(['in process', 'baseline: dispatch getEvent', seeded.baseline, null]);
  rows.push(['in process', '**dispatch getDashboard, whole school**', seeded.school, seeded.baseline]);
  rows.push(['in process', `dispatch getDashboard, one college (${seeded.college})`, seeded.oneCollege, seeded.baseline]);

  const http = await overHttp(seeded);
  rows.push(['HTTP', 'baseline: POST /api/getEvent', http.baseline, null]);
  rows.push(['HTTP', '**POST /api/getDashboard, whole school**', http.school, http.baseline]);
  rows.push(['HTTP', 'POST /api/getDashboard, one college', http.oneCollege, http.baseline]);
  for (const [where, name, s, base] of rows) {
    console.log(`| ${where} | ${name} | ${fmt(s)} | ${base ? (s.median / base.median).toFixed(0) : '1'} |`);
  }
  console.log(`HTTP: first call after the server opened the file ${http.first.toFixed(1)} ms`);

  const { jobs } = run(['jobs', dir]);
  for (const [i, j] of jobs.entries()) {
    console.log(`runScheduledJobs ${i === 0 ? 'first run' : 'next run'}: ${j.ms.toFixed(0)} ms ${JSON.stringify(j.report)}`);
  }

  const worst = Math.max(seeded.school.p95, seeded.oneCollege.p95, http.school.p95, http.oneCollege.p95);
  console.log(ok && worst < 1000 ? `MEETS TARGET (< 1 s; worst p95 ${worst.toFixed(0)} ms)` : `BELOW TARGET (< 1 s; worst p95 ${worst.toFixed(0)} ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);

function run(args) {
  const r = spawnSync(process.execPath, [worker, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 900_000 });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) {
    throw new Error(`worker ${args[0]} failed${r.error ? ` (${r.error.code})` : ''}: ${(r.stderr || r.stdout).split('\n').slice(0, 8).join(' ')}`);
  }
  return JSON.parse(line);
}

/** The real local server on the seeded folder: demo mode (X-Demo-User names the committee account), no scheduler. */
async function overHttp(seeded) {
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', DEMO_MODE: '1', STATIC_DIR: path.join(dir, 'no-h5'), JOBS_INTERVAL_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    });
    const post = async (action, payload) => {
      const t = performance.now();
      const res = await fetch(`${url}/api/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-demo-user': 'bench-committee' },
        body: JSON.stringify(payload),
      });
      const body = await res.json();
      const ms = performance.now() - t;
      if (!body.ok) throw new Error(`${action} refused over HTTP: ${JSON.stringify(body)}`);
      return { ms, body };
    };
    const school = [];
    const oneCollege = [];
    const baseline = [];
    let first = 0;
    for (let run = 0; run <= RUNS; run++) {
      const a = await post('getDashboard', { year: 2026 });
      const b = await post('getDashboard', { year: 2026, college: seeded.college });
      const e = await post('getEvent', { eventId: seeded.eventId });
      if (run === 0) {
        first = a.ms;
        if (a.body.data.students !== seeded.check.students) ok = false;
        continue;
      }
      school.push(a.ms);
      oneCollege.push(b.ms);
      baseline.push(e.ms);
    }
    return { school: summary(school), oneCollege: summary(oneCollege), baseline: summary(baseline), first };
  } finally {
    await new Promise((resolve) => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null) return resolve();
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}
