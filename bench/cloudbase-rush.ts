import { ApiError } from '../types';
import { dispatch } from '../server/dispatch';
import { CloudbaseStorage } from '../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend } from '../tests/support/cloudbase-backend/backend';
import { SimulatedClock } from '../tests/support/cloudbase-backend/clock';
import { createRealSdkDatabase } from '../tests/support/cloudbase-backend/factory';
import { makeEvent, makeStudent } from '../tests/support/factories';
import { QUEUED_POLL } from '../core/queued-poll';

/**
 * A sign-up rush on CloudBase (issue: "5,000 students on one event, every one answered within seconds"), on the REAL
 * wx-server-sdk over the in-process backend (write conflicts at the write, as Tencent's server answers them), every
 * request costing LATENCY_MS (default 20) of SIMULATED time (tests/support/cloudbase-backend/clock.ts): what is
 * reported is the platform's time, not this machine's.
 *
 * Two bursts, each with both designs side by side:
 * - 5,000 distinct students on one 300-seat event (waitlist on);
 * - 1,000 students on each of five 300-seat events at once.
 * Students arrive over ARRIVAL_MS (default 1 s) in a fixed order, a minute after sign-up opened. Each is a phone: it
 * calls signUp through dispatch and, while the answer is `queued`, asks getMySignup on the page's schedule
 * (core/queued-poll.ts: after 1 s, then every 1.5 s). Every call runs on a function instance as SCF runs them: one
 * call at a time per instance; a call finding every instance busy starts a new one (the peak is reported), and an
 * instance keeps its caches (identity, its view of the event) from one call to the next. The designs:
 * - queue: the adapter's default, the intake queue of server/storage/cloudbase/signup-queue.ts;
 * - direct: every sign-up one transaction on the event's document, retried on conflict with backoff (the design
 *   before the queue; `signupQueue: { enabled: false }`).
 * Printed per design: confirmed, waitlisted, refused BUSY (or anything else), oversold, whether the waitlist is in
 * arrival order with places 1..N, database operations per sign-up (billable document requests, the page's asking
 * included; and without the callers' identity look-ups), function calls per sign-up, the peak of instances at
 * once, the sign-up call's p50 / p99 / slowest, and the time until the last student knew their final place.
 *   RUSH_BREAKDOWN=1 prints the operations by request and collection; RUSH_EVENTS=1|5 and RUSH_DESIGN=queue|direct
 *   pick one burst or one design.
 *   node bench/cloudbase-rush.mjs [latencyMs=20] [arrivalMs=1000]
 */
const LATENCY_MS = Number(process.argv[2] ?? 20);
const ARRIVAL_MS = Number(process.argv[3] ?? 1000);
const SEATS = 300;
const OPENED_MS_AGO = 60_000;
const DAY = 86_400_000;

type Design = 'queue' | 'direct';

interface Phone {
  studentNo: string;
  eventId: string;
  /** Simulated instant it tapped, and when the sign-up call answered / the final place was known. */
  tapped: number;
  answered: number;
  known: number;
  outcome: string;
}

interface Result {
  design: Design;
  phones: Phone[];
  ops: number;
  lookups: number;
  calls: number;
  peakInstances: number;
  events: Array<{ id: string; seatsLeft: number; waitlistCount: number; confirmed: number; waitlisted: number; inOrder: boolean }>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

async function run(design: Design, perEvent: number, events: number): Promise<Result> {
  const clock = new SimulatedClock();
  const backend = new CloudbaseBackend({ latencyMs: LATENCY_MS, clock });
  const db = createRealSdkDatabase(backend, { throwOnNotFound: false });
  const epoch = Date.parse('2026-11-18T04:00:00.000Z');
  const now = () => new Date(epoch + clock.now());
  const at = (ms: number) => new Date(epoch + ms).toISOString();
  const storageOptions = {
    sleep: (ms: number) => clock.delay(ms),
    nowMs: () => epoch + clock.now(),
    ...(design === 'direct' ? { signupQueue: { enabled: false } } : { signupQueue: JSON.parse(process.env.RUSH_QUEUE ?? '{}') as object }),
  };
  // Function instances as SCF runs them: one call at a time each, a new one started when all are busy, the most
  // recently freed reused first; each keeps its own caches (identity, its view of the event) between calls.
  const idle: CloudbaseStorage[] = [];
  let busy = 0;
  let peakInstances = 0;
  let calls = 0;
  const setup = new CloudbaseStorage(db, storageOptions);
  async function onInstance<T>(run: (storage: CloudbaseStorage) => Promise<T>): Promise<T> {
    const storage = idle.pop() ?? new CloudbaseStorage(db, storageOptions);
    busy++;
    calls++;
    peakInstances = Math.max(peakInstances, busy);
    try {
      return await run(storage);
    } finally {
      busy--;
      idle.push(storage);
    }
  }
  const total = perEvent * events;
  const students = Array.from({ length: total }, (_, k) => makeStudent(k + 1, { openid: `o-rush-${k + 1}` }));
  for (let i = 0; i < students.length; i += 500) await setup.putStudents(students.slice(i, i + 500));
  const eventIds = Array.from({ length: events }, (_, e) => `ev-rush-${e + 1}`);
  await setup.putEvents(
    eventIds.map((id) =>
      makeEvent({
        id,
        capacity: SEATS,
        seatsLeft: SEATS,
        signupStartAt: at(-OPENED_MS_AGO),
        signupEndAt: at(2 * DAY),
        cancelDeadlineAt: at(3 * DAY),
        startAt: at(4 * DAY),
        endAt: at(4 * DAY + 2 * 3_600_000),
      }),
    ),
  );
  backend.resetCounters();

  const phones: Phone[] = [];
  const ask = (k: number, action: 'signUp' | 'getMySignup', eventId: string) =>
    onInstance((storage) =>
      dispatch({ action, payload: { eventId } }, { storage, caller: { kind: 'wechat', openid: `o-rush-${k + 1}` }, now, demoMode: false }),
    );
  const tapAt = (k: number) => Math.floor((k * ARRIVAL_MS) / total);
  const start = clock.now();
  await Promise.all(
    students.map(async (s, k) => {
      await clock.delay(tapAt(k));
      const eventId = eventIds[k % events];
      const phone: Phone = { studentNo: s.studentNo, eventId, tapped: clock.now(), answered: 0, known: 0, outcome: '' };
      phones.push(phone);
      const answer = await ask(k, 'signUp', eventId);
      phone.answered = clock.now();
      let status = answer.ok ? (answer.data as { registration: { status: string } }).registration.status : `refused ${answer.code}`;
      for (let asked = 0; status === 'queued'; asked++) {
        await clock.delay(asked === 0 ? QUEUED_POLL.firstMs : QUEUED_POLL.everyMs);
        const poll = await ask(k, 'getMySignup', eventId);
        if (!poll.ok) status = `refused ${poll.code}`;
        else {
          const data = poll.data as { registration: { status: string } | null; refusal: { code: string } | null };
          status = data.registration?.status ?? `refused ${data.refusal?.code ?? 'NONE'}`;
        }
      }
      phone.known = clock.now();
      phone.outcome = status;
    }),
  );
  for (const p of phones) {
    p.tapped -= start;
    p.answered -= start;
    p.known -= start;
  }
  const counters = backend.counters();
  const ops = counters.documentOps;
  // The callers' identity look-ups: the `students` and `accounts` reads that resolve a phone's openid to its student.
  const lookups = Object.entries(counters.byActionAndCollection)
    .filter(([key]) => /^database\.(queryDocument|getDocument) (students|accounts)$/.test(key))
    .reduce((sum, [, n]) => sum + n, 0);
  if (process.env.RUSH_BREAKDOWN) {
    const lines = Object.entries(counters.byActionAndCollection).sort((a, b) => b[1] - a[1]);
    console.error(`  ${design} ${perEvent}×${events}: ${JSON.stringify(counters.transactions)}`);
    for (const [key, n] of lines) console.error(`    ${key}: ${n} (${(n / total).toFixed(2)} per sign-up)`);
  }

  const checked = [];
  for (const id of eventIds) {
    const event = (await setup.getEvent(id))!;
    const mine = phones.filter((p) => p.eventId === id);
    const confirmed = mine.filter((p) => p.outcome === 'confirmed').length;
    const line = await setup.listWaitlist(id);
    const arrival = new Map(mine.map((p, i) => [p.studentNo, p.tapped * 1e6 + i]));
    const byArrival = [...line].sort((a, b) => (arrival.get(a.studentNo) ?? 0) - (arrival.get(b.studentNo) ?? 0));
    const places = await Promise.all(line.map((r) => setup.waitlistPosition(r)));
    const inOrder = line.every((r, i) => r.studentNo === byArrival[i].studentNo) && places.every((p, i) => p === i + 1);
    checked.push({ id, seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount, confirmed, waitlisted: line.length, inOrder });
  }
  return { design, phones, ops, lookups, calls, peakInstances, events: checked };
}

function report(title: string, results: Result[]): string {
  const rows = results.map((r) => {
    const n = r.phones.length;
    const count = (pred: (p: Phone) => boolean) => r.phones.filter(pred).length;
    const confirmed = count((p) => p.outcome === 'confirmed');
    const waitlisted = count((p) => p.outcome === 'waitlisted');
    const busy = count((p) => p.outcome === 'refused BUSY');
    const other = n - confirmed - waitlisted - busy;
    const oversold = r.events.reduce((sum, e) => sum + Math.max(0, e.confirmed - SEATS) + (e.seatsLeft < 0 ? -e.seatsLeft : 0), 0);
    const calls = r.phones.map((p) => p.answered - p.tapped).sort((a, b) => a - b);
    const finals = r.phones.map((p) => p.known);
    const lastKnown = Math.max(...finals);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return `| ${r.design} | ${confirmed} | ${waitlisted} | ${busy} | ${other} | ${oversold} | ${r.events.every((e) => e.inOrder) ? 'yes' : 'no'} | ${(r.ops / n).toFixed(2)} | ${((r.ops - r.lookups) / n).toFixed(2)} | ${(r.calls / n).toFixed(2)} | ${r.peakInstances} | ${fmt(percentile(calls, 0.5))} / ${fmt(percentile(calls, 0.99))} / ${fmt(calls[calls.length - 1])} | ${fmt(lastKnown)} |`;
  });
  return [
    `### ${title}`,
    '',
    '| design | confirmed | waitlisted | BUSY | other | oversold | waitlist in arrival order, places 1..N | ops per sign-up | without identity look-ups | function calls per sign-up | instances at once (peak) | sign-up call p50 / p99 / slowest | last final answer |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(`Sign-up rush on CloudBase: real wx-server-sdk, ${LATENCY_MS} ms a request (simulated), arrivals over ${ARRIVAL_MS} ms, one call at a time per function instance, ${SEATS} seats an event, pages ask after ${QUEUED_POLL.firstMs / 1000} s then every ${QUEUED_POLL.everyMs / 1000} s while queued\n`);
  for (const [title, perEvent, events] of [
    ['5,000 students on one 300-seat event', 5000, 1],
    ['1,000 students on each of five 300-seat events at once', 1000, 5],
  ] as const) {
    if (process.env.RUSH_EVENTS && Number(process.env.RUSH_EVENTS) !== events) continue;
    const results: Result[] = [];
    for (const design of ['queue', 'direct'] as const) {
      if (process.env.RUSH_DESIGN && process.env.RUSH_DESIGN !== design) continue;
      const started = Date.now();
      results.push(await run(design, perEvent, events));
      console.error(`  (${title}, ${design}: ${((Date.now() - started) / 1000).toFixed(0)} s on this machine)`);
    }
    console.log(report(title, results));
  }
}

main().catch((error) => {
  console.error(error instanceof ApiError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
