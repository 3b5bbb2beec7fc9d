import type { CloudbaseStorageOptions } from '../server/storage/cloudbase/cloudbase-storage';
import { measuredCloudbase } from '../tests/support/cloudbase-backend/measure';
import { NOW, makeEvent, makeStudents } from '../tests/support/factories';

/**
 * A burst of simultaneous sign-ups for one event on the REAL wx-server-sdk over the in-process backend
 * (tests/support/cloudbase-backend), LATENCY_MS per request (default 20) on the simulated clock: every direct sign-up
 * writes the event document, so transactions conflict — at the write, as CloudBase reports it (-501001, which the
 * SDK's own runTransaction does not re-run) — and the adapter retries after a jittered backoff, or (the default)
 * sends the sign-up to the intake queue. Prints BUSY answers, billable operations per sign-up and the slowest answer
 * in simulated time, for the direct path under two retry policies and for the default with the queue.
 * The event's sign-up opened long ago, so only conflicts (not the rush window) send sign-ups to the queue.
 * Not a measurement of the real service: its latency varies and its conflict timing is not observable offline.
 *   node bench/cloudbase-contention.mjs       (LATENCY_MS=20)
 */
const latencyMs = Number(process.env.LATENCY_MS ?? 20);
const policies: Array<[string, CloudbaseStorageOptions]> = [
  // transactionRetries 3 as the SDK's default would have it; a conflict at the write is never re-run by the SDK anyway.
  ['direct, adapter 8 attempts, backoff 10 … 250 ms', { signupQueue: { enabled: false }, transactionRetries: 3, maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 250 }],
  ['direct, adapter 12 attempts, backoff 50 ms … 2 s', { signupQueue: { enabled: false } }],
  ['**default**: a conflict sends the sign-up to the intake queue', {}],
];

async function main() {
  const lines = ['| burst on one event | policy | BUSY | operations per sign-up | slowest answer (simulated) |', '|---|---|---|---|---|'];
  for (const burst of [60, 200]) {
    for (const [label, options] of policies) {
      const world = measuredCloudbase({ latencyMs: 0, storage: options });
      const { backend, clock, storage } = world;
      const students = makeStudents(burst);
      await storage.putStudents(students);
      await storage.putEvents([makeEvent({ id: 'ev', capacity: Math.floor(burst / 3) })]);
      backend.useLatency(latencyMs, clock);
      backend.resetCounters();
      const started = clock.now();
      let slowest = 0;
      const results = await Promise.allSettled(
        students.map(async (s) => {
          try {
            return await storage.signUp('ev', s.studentNo, NOW);
          } finally {
            slowest = Math.max(slowest, clock.now() - started);
          }
        }),
      );
      await clock.settle();
      const busy = results.filter((r) => r.status === 'rejected').length;
      const ops = backend.counters().documentOps;
      lines.push(`| ${burst} | ${label} | ${busy} | ${(ops / burst).toFixed(1)} | ${(slowest / 1000).toFixed(1)} s |`);
      await storage.close();
    }
  }
  console.log(`Sign-up burst on one event, real SDK, ${latencyMs} ms a request (simulated)\n${lines.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
