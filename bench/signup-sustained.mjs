// Sustained load: autocannon, C connections for D seconds, every request a sign-up by a new student, against the
// local server (synchronous=FULL, group commit) and, in the same run, a bare node:http server that only parses JSON
// (the ceiling). Prints req/s, p50/p99 latency, server CPU time per request and the ratio of the two, for R rounds
// that alternate bare and local server (the machine is shared and noisy), then the median ratio.
// Usage: node bench/signup-sustained.mjs [connections=100] [seconds=10] [rounds=3]
import autocannon from 'autocannon';
import { bundleBenchServer, cpuMicros, startServer, stopServer, tempDir } from './lib.mjs';

const CONNECTIONS = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 10);
const ROUNDS = Number(process.argv[4] ?? 3);
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 400_000);

async function load(url, nextUser) {
  return autocannon({
    url: `${url}/api/signUp`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{
      method: 'POST',
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', 'x-demo-user': nextUser() }, body: '{"eventId":"sustained"}' }),
    }],
  });
}

async function measure(name, script, env, nextUser) {
  const { child, url } = await startServer(script, env);
  const cpuBefore = cpuMicros(child.pid);
  const r = await load(url, nextUser);
  const cpu = cpuMicros(child.pid) - cpuBefore;
  await stopServer(child);
  const total = r.requests.total;
  return {
    name, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total,
    non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, cpuPerReq: total ? cpu / total : 0,
  };
}

let n = 0;
const nextStudent = () => `B${String((n++ % STUDENTS) + 1).padStart(7, '0')}`;
const script = await bundleBenchServer();
console.log(`sustained: ${CONNECTIONS} connections × ${SECONDS} s, one sign-up by a new student per request (${STUDENTS} students seeded), ${ROUNDS} rounds`);
const row = (r) => `| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.cpuPerReq.toFixed(0)} µs | ${r.non2xx + r.errors + r.timeouts} |`;
console.log('| round | server | req/s | p50 | p99 | server CPU / request | non-2xx + errors |');
console.log('|---|---|---|---|---|---|---|');
const ratios = [];
let worstP99 = 0;
let failures = 0;
for (let round = 1; round <= ROUNDS; round++) {
  n = 0;
  const bare = await measure('bare node:http (ceiling)', new URL('./bare-server.mjs', import.meta.url).pathname, {}, nextStudent);
  n = 0;
  const app = await measure('local server, sign-up, FULL', script, { DATA_DIR: tempDir('ysc-sustained-'), BENCH_STUDENTS: String(STUDENTS) }, nextStudent);
  if (n > STUDENTS) console.log(`  note: ${n} requests for ${STUDENTS} students — later requests were repeat sign-ups`);
  console.log(`| ${round} ${row(bare)}`);
  console.log(`| ${round} ${row(app)}`);
  ratios.push(app.reqPerSec / bare.reqPerSec);
  worstP99 = Math.max(worstP99, app.p99);
  failures += app.non2xx + app.errors + app.timeouts;
}
const sorted = [...ratios].sort((a, b) => a - b);
const mid = Math.floor(sorted.length / 2);
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(`ratios (local server / bare): ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median.toFixed(2)}; worst p99 ${worstP99} ms; failed requests ${failures}`);
console.log(median >= 0.6 && worstP99 < 20 && failures === 0 ? 'MEETS TARGET (median ≥ 0.6 of bare, p99 < 20 ms)' : 'BELOW TARGET (median ≥ 0.6 of bare, p99 < 20 ms)');
