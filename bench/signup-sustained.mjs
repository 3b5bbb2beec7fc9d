// Sustained load: autocannon, C connections for D seconds, every request a sign-up by a new student, against the
// local server (synchronous=FULL, group commit) and, in the same run, a bare node:http server that only parses JSON
// (the ceiling). Prints req/s, p50/p99 latency, server CPU time per request and the ratio of the two.
// Usage: node bench/signup-sustained.mjs [connections=100] [seconds=10]
import autocannon from 'autocannon';
import { bundleBenchServer, cpuMicros, startServer, stopServer, tempDir } from './lib.mjs';

const CONNECTIONS = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 10);
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
console.log(`sustained: ${CONNECTIONS} connections × ${SECONDS} s, one sign-up by a new student per request (${STUDENTS} students seeded)`);
const bare = await measure('bare node:http (ceiling)', new URL('./bare-server.mjs', import.meta.url).pathname, {}, nextStudent);
n = 0;
const app = await measure('local server, sign-up, synchronous=FULL', script, { DATA_DIR: tempDir('ysc-sustained-'), BENCH_STUDENTS: String(STUDENTS) }, nextStudent);
if (n > STUDENTS) console.log(`  note: ${n} requests for ${STUDENTS} students — later requests were repeat sign-ups (ALREADY_SIGNED_UP)`);

const row = (r) => `| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.cpuPerReq.toFixed(0)} µs | ${r.non2xx + r.errors + r.timeouts} |`;
console.log('| server | req/s | p50 | p99 | server CPU / request | non-2xx + errors |');
console.log('|---|---|---|---|---|---|');
console.log(row(bare));
console.log(row(app));
const ratio = app.reqPerSec / bare.reqPerSec;
console.log(`ratio (local server / bare): ${ratio.toFixed(2)}   p99 ${app.p99} ms`);
console.log(ratio >= 0.6 && app.p99 < 20 && app.non2xx === 0 ? 'PASS (≥ 0.6 of bare, p99 < 20 ms)' : 'BELOW TARGET (≥ 0.6 of bare, p99 < 20 ms)');
