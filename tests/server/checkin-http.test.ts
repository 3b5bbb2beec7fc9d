import { scanId, studentPhone } from '../support/checkin-phone';
import { NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';
import { startTestServer } from '../support/local-server';

/**
 * A lecture's door over HTTP: 500 members, 4 officers scanning at once, with retries and cross-scans, against the
 * local server on SQLite. Not a benchmark (bench/ measures); this checks that nothing is lost and nothing doubled.
 */
const MEMBERS = 500;
const OFFICERS = 4;
const T = at(96); // the events start at T; check-in is open

jest.setTimeout(60_000);

let srv: Awaited<ReturnType<typeof startTestServer>>;
const phones = new Map<string, ReturnType<typeof studentPhone>>();

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

beforeAll(async () => {
  srv = await startTestServer({ demoMode: true, now: () => T });
  const staffOpenids = Array.from({ length: OFFICERS }, (_, k) => `o-officer-${k + 1}`);
  await srv.storage.putStudents(makeStudents(MEMBERS));
  await srv.storage.putEvents([
    makeEvent({ id: 'e-door', capacity: MEMBERS, seatsLeft: MEMBERS, staffOpenids }),
    makeEvent({ id: 'e-batch', capacity: MEMBERS, seatsLeft: MEMBERS, staffOpenids }),
  ]);
  const numbers = Array.from({ length: MEMBERS }, (_, k) => studentNo(k + 1));
  await Promise.all(numbers.flatMap((no) => [srv.storage.signUp('e-door', no, NOW), srv.storage.signUp('e-batch', no, NOW)]));
  await inParallel(numbers, 16, async (no) => {
    const res = await srv.post('issueCheckinPass', { eventId: 'e-door' }, { 'X-Demo-User': no });
    expect(res.body.ok).toBe(true);
    phones.set(no, studentPhone(res.body.data.pass, res.body.data.deviceKey));
  });
});
afterAll(() => srv.stop());

it('checks in 500 members scanned by 4 officers at once: none lost, none doubled, retries and rescans recorded once', async () => {
  const numbers = [...phones.keys()];
  const recorded: string[] = [];
  const outcomes = new Map<string, number>();
  const send = async (officer: string, id: string, code: string) => {
    const res = await srv.post(
      'recordScans',
      { eventId: 'e-door', scans: [{ scanId: id, code, purpose: 'in', scannedAt: T.toISOString(), offline: false }] },
      { 'X-Demo-User': officer },
    );
    expect(res.status).toBe(200);
    const r = res.body.data.results[0];
    const key = `${r.status}${r.duplicate ? '+dup' : ''}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    if (r.status === 'recorded' && !r.duplicate) recorded.push(r.member.studentNo);
    return r;
  };

  await Promise.all(
    Array.from({ length: OFFICERS }, async (_, k) => {
      const officer = `o-officer-${k + 1}`;
      const mine = numbers.filter((_, i) => i % OFFICERS === k);
      const neighbours = numbers.filter((_, i) => i % OFFICERS === (k + 1) % OFFICERS).slice(0, 10);
      // Scans follow each other at the door: one request at a time per officer, four officers at once.
      for (const [i, no] of mine.entries()) {
        const id = scanId(officer);
        await send(officer, id, phones.get(no)!.code(T));
        if (i % 25 === 0) await send(officer, id, phones.get(no)!.code(T)); // a retry after a dropped answer
        if (i < neighbours.length) await send(officer, scanId(officer), phones.get(neighbours[i])!.code(T)); // a queue jumper
      }
    }),
  );

  expect(recorded).toHaveLength(MEMBERS);
  expect(new Set(recorded).size).toBe(MEMBERS);
  expect(outcomes.get('recorded+dup')).toBe(OFFICERS * 5);
  // A neighbour's member was scanned before or after their own officer got to them: one of the two says 已签到.
  expect(outcomes.get('already')).toBe(OFFICERS * 10);

  const counts = await srv.storage.attendanceCounts('e-door');
  expect(counts).toEqual({ registered: MEMBERS, checkedIn: MEMBERS, checkedOut: 0 });
  const list = await srv.post('getEventAttendance', { eventId: 'e-door' }, { 'X-Demo-User': 'o-officer-1' });
  expect(list.body.data.rows.filter((r: any) => r.state === 'in')).toHaveLength(MEMBERS);
  expect(list.body.data.counts.checkedIn).toBe(MEMBERS);
});

it('takes an offline queue of 500 scans in batches of 100 (one call each), and the same batches again as 500 duplicates', async () => {
  // Each member's pass for the second event, issued before the officer went where there is no signal.
  const batchPhones = new Map<string, ReturnType<typeof studentPhone>>();
  await inParallel([...phones.keys()], 16, async (no) => {
    const res = await srv.post('issueCheckinPass', { eventId: 'e-batch' }, { 'X-Demo-User': no });
    batchPhones.set(no, studentPhone(res.body.data.pass, res.body.data.deviceKey));
  });
  const scans = [...batchPhones.entries()].map(([, phone], i) => {
    const when = new Date(T.getTime() - 20 * 60_000 + i * 2_000); // over ~17 minutes, from 20 minutes before T
    return { scanId: scanId('offline'), code: phone.code(when), purpose: 'in', scannedAt: when.toISOString(), offline: true };
  });
  // The whole queue in one call is refused: the phone sends it in batches of at most 100.
  const whole = await srv.post('recordScans', { eventId: 'e-batch', scans }, { 'X-Demo-User': 'o-officer-2' });
  expect(whole.status).toBe(413);
  const batches = Array.from({ length: Math.ceil(scans.length / 100) }, (_, k) => ({ eventId: 'e-batch', scans: scans.slice(k * 100, k * 100 + 100) }));
  const results: any[] = [];
  let counts: unknown = null;
  for (const body of batches) {
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(96 * 1024);
    const res = await srv.post('recordScans', body, { 'X-Demo-User': 'o-officer-2' });
    expect(res.status).toBe(200);
    results.push(...res.body.data.results);
    counts = res.body.data.counts;
  }
  expect(results.filter((r: any) => r.status === 'recorded' && !r.duplicate)).toHaveLength(MEMBERS);
  expect(results.map((r: any) => r.at)).toEqual(scans.map((s) => s.scannedAt));
  expect(counts).toEqual({ registered: MEMBERS, checkedIn: MEMBERS, checkedOut: 0 });

  for (const body of batches) {
    const again = await srv.post('recordScans', body, { 'X-Demo-User': 'o-officer-3' });
    expect(again.body.data.results.every((r: any) => r.duplicate)).toBe(true);
    expect(again.body.data.counts).toEqual(counts);
  }
});
