import { CloudbaseStorage } from '../server/storage/cloudbase/cloudbase-storage';
import { FakeWxDb } from '../server/storage/cloudbase/fake-wx-db';
import { NOW, makeEvent, makeStudents } from '../tests/support/factories';

/**
 * An estimate, on the stand-in, of what a burst of simultaneous sign-ups for one event costs the CloudBase adapter:
 * every sign-up writes the event document, so transactions conflict and retry. Each stand-in operation takes
 * LATENCY_MS (default 5). Prints BUSY answers, operations per sign-up and the slowest answer for two retry policies.
 * Not a measurement of the real service, whose conflict timing differs.
 */
const latencyMs = Number(process.env.LATENCY_MS ?? 5);
const policies: Array<[string, ConstructorParameters<typeof CloudbaseStorage>[1]]> = [
  ['SDK re-runs 3, adapter 8 attempts, backoff 10 … 250 ms', { transactionRetries: 3, maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 250 }],
  ['adapter default: SDK re-runs 0, 12 attempts, backoff 50 ms … 2 s', {}],
];

async function main() {
  const lines = ['| burst | policy | BUSY | ops per sign-up | slowest answer (ms) |', '|---|---|---|---|---|'];
  for (const burst of [60, 200]) {
    for (const [label, options] of policies) {
      const db = new FakeWxDb({ latencyMs });
      const storage = new CloudbaseStorage(db, options);
      await storage.putStudents(makeStudents(burst));
      await storage.putEvents([makeEvent({ id: 'ev', capacity: Math.floor(burst / 3) })]);
      db.resetOpCount();
      const started = Date.now();
      const results = await Promise.allSettled(makeStudents(burst).map((s) => storage.signUp('ev', s.studentNo, NOW)));
      const busy = results.filter((r) => r.status === 'rejected').length;
      lines.push(`| ${burst} | ${label} | ${busy} | ${(db.opCount() / burst).toFixed(1)} | ${Date.now() - started} |`);
    }
  }
  console.log(`Sign-up burst on one event, ${latencyMs} ms per operation (CloudBase stand-in)\n${lines.join('\n')}`);
}

void main();
