import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attendanceKeyBase, type AwardDraft, type EventRecord, type StudentRecord } from '../core';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { makeEvent } from '../tests/support/factories';

/**
 * One student's transcript, in process: `dispatch('getMyTranscript')` (validation, access, the caller's binding, the
 * settings, the ledger, the events' titles, appeals and shares, totals and progress recomputed) for a student with
 * 300 ledger entries over 100 events — each event awarded, reversed (an undone check-in) and awarded again — plus a
 * few appeals and shares, on SQLite (synchronous=FULL, a file in a temp folder). Interleaved with the baseline, a
 * `getEvent` read through the same door by the same student, so the machine's noise hits both alike.
 *   node dist/bench/transcript.js [iterations=1000] [warmup=100]   (bench/transcript.mjs builds and runs it)
 */
const N = Number(process.argv[2] ?? 1000);
const WARMUP = Number(process.argv[3] ?? 100);
const EVENTS = 100;
const STUDENT = 'T0000001';
const OPENID = 'openid-bench-student';

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
};

/** A past event (one a day, the last yesterday), built by the tests' factory so that it keeps up with EventRecord. */
function event(i: number, now: Date): EventRecord {
  const start = new Date(now.getTime() - (EVENTS - i + 1) * 86_400_000);
  const iso = (ms: number) => new Date(start.getTime() + ms).toISOString();
  return makeEvent({
    id: `ev-${String(i).padStart(3, '0')}`, title: `第二课堂活动 ${i}`, category: i % 3 === 0 ? 'volunteer' : 'lecture',
    signupStartAt: iso(-7 * 86_400_000), signupEndAt: iso(-86_400_000), cancelDeadlineAt: iso(-86_400_000),
    startAt: iso(0), endAt: iso(2 * 3_600_000), capacity: 100, seatsLeft: 99, credits: 0.5, checkedInCount: 1,
  });
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-transcript-'));
  const storage = new SqliteStorage({ file: path.join(dir, 'bench.db') });
  const now = new Date();
  const student: StudentRecord = {
    studentNo: STUDENT, openid: OPENID, secondFactorHash: null, name: '压测同学', college: '信息技术学院',
    className: '24级软件技术1班', branch: '24级软件技术1班团支部', grade: '2024级', isLeagueMember: true,
  };
  await storage.putStudents([student]);
  const events = Array.from({ length: EVENTS }, (_, k) => event(k + 1, now));
  await storage.putEvents(events);

  // 300 entries: every event's attendance awarded, reversed, awarded again (the keys a real ledger would carry).
  const draft = (e: EventRecord, amount: number): AwardDraft => ({
    base: attendanceKeyBase(e.id, STUDENT), studentNo: STUDENT, module: e.creditRule.base.kind === 'fixed' ? e.creditRule.base.module : 'skills',
    amount, hours: e.category === 'volunteer' ? 2 : 0, sourceType: 'attendance', eventId: e.id, rule: '按次 0.5 学分', reason: null,
    confirmedBy: 'bench-officer', at: e.startAt,
  });
  for (const e of events) {
    const base = attendanceKeyBase(e.id, STUDENT);
    await storage.settleCredit(STUDENT, base, draft(e, 50), 'bench-officer', '', new Date(e.startAt));
    await storage.settleCredit(STUDENT, base, null, 'bench-officer', '签到更正：扫错了人', new Date(e.startAt));
    await storage.settleCredit(STUDENT, base, draft(e, 50), 'bench-officer', '', new Date(e.startAt));
  }
  const entries = (await storage.listLedger(STUDENT)).length;
  for (const e of events.slice(0, 3)) {
    await storage.fileAppeal(
      { id: `${e.id}:${STUDENT}`, eventId: e.id, studentNo: STUDENT, note: '压测申诉', status: 'pending', createdAt: now.toISOString(), decidedAt: null, decidedBy: null, decisionReason: null },
      { at: now.toISOString(), actor: OPENID, action: 'appeal.file', target: `${e.id}:${STUDENT}`, detail: '{}' },
    );
  }

  const ctx = (): HandlerContext => ({ storage, caller: { kind: 'wechat', openid: OPENID }, now: () => new Date(), demoMode: false });
  const call = async (action: string, payload: unknown) => {
    const result = await dispatch({ action, payload } as never, ctx());
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result)}`);
    return result.data as any;
  };
  for (let k = 0; k < 3; k++) await call('createTranscriptShare', { includeTimeline: k === 0, showStudentNo: false });

  const samples: Record<'baseline' | 'transcript', number[]> = { baseline: [], transcript: [] };
  let shown = 0;
  for (let k = 0; k < N + WARMUP; k++) {
    const measured = k >= WARMUP;
    let t0 = performance.now();
    await call('getEvent', { eventId: events[k % EVENTS].id });
    if (measured) samples.baseline.push(performance.now() - t0);
    t0 = performance.now();
    const t = await call('getMyTranscript', {});
    if (measured) samples.transcript.push(performance.now() - t0);
    shown = t.entries.length;
    if (t.overall.have !== EVENTS * 50) throw new Error(`total ${t.overall.have}, expected ${EVENTS * 50}`);
  }
  const base = stats(samples.baseline).median;
  const rows = Object.entries(samples).map(([name, xs]) => ({ name, ...stats(xs), ratio: stats(xs).median / base }));
  console.log(JSON.stringify({ n: N, warmup: WARMUP, entries, shown, rows }));
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
