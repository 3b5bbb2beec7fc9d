// Burst: 5,000 distinct students sign up for one 300-seat event at the same moment, over HTTP to the local server
// (durable commits, synchronous=FULL). Passes only with exactly 300 confirmed and 4,700 waitlisted at places
// 1..4,700 with no gap and no duplicate. Usage: node bench/signup-burst.mjs [students=5000]
import http from 'node:http';
import { bundleBenchServer, startServer, stopServer, tempDir } from './lib.mjs';

const N = Number(process.argv[2] ?? 5000);
const SEATS = 300;

function post(agent, port, action, body, user) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: `/api/${action}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'x-demo-user': user } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const script = await bundleBenchServer();
const { child, port } = await startServer(script, { DATA_DIR: tempDir('ysc-burst-'), BENCH_STUDENTS: String(N) });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
const started = performance.now();
const results = await Promise.all(
  Array.from({ length: N }, (_, i) => post(agent, port, 'signUp', { eventId: 'burst' }, `B${String(i + 1).padStart(7, '0')}`)),
);
const elapsed = performance.now() - started;
const failed = results.filter((r) => !r.ok);
const confirmed = results.filter((r) => r.ok && r.data.registration.status === 'confirmed').length;
const places = results.filter((r) => r.ok && r.data.registration.status === 'waitlisted').map((r) => r.data.registration.waitlistPosition).sort((a, b) => a - b);
const gapless = places.every((p, i) => p === i + 1);
const event = await post(agent, port, 'getEvent', { eventId: 'burst' }, 'B0000001');
agent.destroy();
await stopServer(child);

const ok = failed.length === 0 && confirmed === SEATS && places.length === N - SEATS && gapless && event.data.event.seatsLeft === 0 && event.data.event.waitlistCount === N - SEATS;
console.log(`burst: ${N} simultaneous sign-ups, ${SEATS} seats, synchronous=FULL`);
console.log(`  confirmed ${confirmed}, waitlisted ${places.length} (places ${places[0]}–${places.at(-1)}, ${gapless ? 'no gaps' : 'GAPS'}), refused ${failed.length}`);
console.log(`  event after: seatsLeft ${event.data.event.seatsLeft}, waitlistCount ${event.data.event.waitlistCount}`);
console.log(`  oversold: ${Math.max(0, confirmed - SEATS)}; all answered in ${elapsed.toFixed(0)} ms (${((N / elapsed) * 1000).toFixed(0)} sign-ups/s)`);
if (failed.length) console.log('  first refusal:', failed[0]);
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
