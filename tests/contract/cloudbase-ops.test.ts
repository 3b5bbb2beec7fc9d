import { currentBlockRule } from '../../server/features/conduct/block-rule';
import { ApiError } from '../../types';
import { dispatch } from '../../server/dispatch';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import type { WxDatabase } from '../../server/storage/cloudbase/wx-db';
import { attendanceKeyBase, EVENT_LISTING_FIELDS, type AwardDraft, type ScanAttempt, type TranscriptShare } from '../../core';
import { shareCodeHash, shareIdOf } from '../../server/features/credits/share-code';
import { verifyTranscript } from '../../server/features/credits/verify';
import { at, makeEvent, makeOutboxMessage, makeStudent, makeStudents, makeTeam, NOW, studentNo } from '../support/factories';
import { TEAM_SIZE_BOUND } from '../../server/storage/cloudbase/teams';
import { CloudbaseBackend, createRealSdkDatabase, describeRequest, isDocumentRequest, type RealSdkDatabase } from '../support/cloudbase-backend';

/**
 * What each action costs on CloudBase, which bills per database operation: the REAL wx-server-sdk on the in-process
 * backend (tests/support/cloudbase-backend), whose request log names every request as it reached the server — the
 * wire action, the collection, `tx` when it was part of a transaction, the document or the query's fields
 * (request-log.ts: `tx getDocument events/ev`, `tx modifyDocument attendance/ev:… upsert` for a `set`,
 * `getDocument registrations where eventId,status` for a query). "Database operations" are the document requests
 * (what CloudBase bills); "transaction requests" are starting and ending transactions. And the retry policy.
 * (The transaction semantics the adapter rests on are pinned down in real-sdk-backend.test.ts.)
 */
interface Row {
  action: string;
  ops: number;
  txRequests: number;
  operations: string[];
}

const rows: Row[] = [];

afterAll(() => {
  const lines = [
    '| action | database operations | transaction requests (start, commit/rollback) | operations |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.action} | ${r.ops} | ${r.txRequests} | ${r.operations.join('; ')} |`),
  ];
  console.log(`CloudBase operations per action (real SDK, in-process backend)\n${lines.join('\n')}`);
});

/** A database on the real SDK over a fresh in-process backend (0 ms a request), as the function opens it. */
function opsWorld(throwOnNotFound = false): { backend: CloudbaseBackend; db: RealSdkDatabase } {
  const backend = new CloudbaseBackend({ latencyMs: 0 });
  return { backend, db: createRealSdkDatabase(backend, { throwOnNotFound }) };
}

/**
 * Runs `run` with the backend's counters and log reset, and answers its row: document requests, transaction
 * requests, and the document requests as the log describes them. A refusal (ApiError) is an outcome, not a failure.
 */
async function measureOn(backend: CloudbaseBackend, action: string, run: () => Promise<unknown>, refusalsAllowed = true): Promise<Row> {
  backend.resetCounters();
  await run().catch((error) => {
    if (!refusalsAllowed || !(error instanceof ApiError)) throw error;
  });
  const c = backend.counters();
  // The adapter keeps queries out of its transactions: none arrived with a transaction id.
  expect(c.queriesInTransaction).toBe(0);
  const log = backend.requestLog();
  const row = {
    action,
    ops: c.documentOps,
    txRequests: log.filter((e) => !isDocumentRequest(e)).length,
    operations: log.filter(isDocumentRequest).map(describeRequest),
  };
  rows.push(row);
  return row;
}

describe('cloudbase: database operations per action', () => {
  let backend: CloudbaseBackend;
  let db: RealSdkDatabase;
  let storage: CloudbaseStorage;

  beforeEach(async () => {
    ({ backend, db } = opsWorld());
    storage = new CloudbaseStorage(db);
    await storage.putStudents(makeStudents(10));
    await storage.putEvents([makeEvent({ id: 'ev', capacity: 2 })]);
  });

  const measure = (action: string, run: () => Promise<unknown>) => measureOn(backend, action, run);

  it('costs 3 operations for the whole sign-up action in a warm container (the caller is remembered)', async () => {
    const ctx = { storage, caller: { kind: 'wechat' as const, openid: 'openid-1' }, now: () => NOW, demoMode: false };
    await dispatch({ action: 'getMe', payload: {} }, ctx); // the container has met this caller before
    await currentBlockRule(storage, NOW); // and has read the sign-up block rule, remembered for a minute (issue 16)
    const row = await measure('sign-up action (handler), warm container', () =>
      dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, ctx),
    );
    expect(row.ops).toBe(3);
    const cold = new CloudbaseStorage(db);
    const first = await measure('sign-up action (handler), first call of a container', () =>
      dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, { ...ctx, storage: cold, caller: { kind: 'wechat', openid: 'openid-2' } }),
    );
    // A container's first sign-up also resolves the caller and reads the block rule: 3 + 2.
    expect(first.ops).toBe(5);
  });

  it('forgets a remembered caller after the cache time, so a changed binding is seen', async () => {
    let clock = 0;
    const remembering = new CloudbaseStorage(db, { identityCacheMs: 60_000, nowMs: () => clock });
    expect(await remembering.studentNoByOpenid('openid-1')).toBe(studentNo(1));
    await db.collection('students').doc(studentNo(1)).update({ data: { openid: 'openid-moved' } });
    expect(await remembering.studentNoByOpenid('openid-1')).toBe(studentNo(1));
    clock = 60_001;
    expect(await remembering.studentNoByOpenid('openid-1')).toBeNull();
  });

  it('costs 3 operations for a sign-up that gets a seat, in one transaction', async () => {
    const row = await measure('sign-up, confirmed', () => storage.signUp('ev', studentNo(1), NOW));
    expect(row.ops).toBeLessThanOrEqual(3);
    expect(row.operations).toEqual(['tx getDocument events/ev', 'tx modifyDocument events/ev', `tx insertDocument registrations/ev:${studentNo(1)}`]);
    expect(row.txRequests).toBe(2);
  });

  it('costs 3 operations for a sign-up that joins the waitlist (its place comes from the counters)', async () => {
    await storage.signUp('ev', studentNo(1), NOW);
    await storage.signUp('ev', studentNo(2), NOW);
    const row = await measure('sign-up, waitlisted', () => storage.signUp('ev', studentNo(3), NOW));
    expect(row.ops).toBeLessThanOrEqual(3);
  });

  it('spends extra operations only on the rare paths: a duplicate, a sign-up again, a refusal', async () => {
    await storage.signUp('ev', studentNo(1), NOW);
    const dup = await measure('sign-up refused: already signed up', () => storage.signUp('ev', studentNo(1), NOW));
    expect(dup.ops).toBe(4);
    await storage.cancel('ev', studentNo(1), NOW);
    const again = await measure('sign-up again after cancelling', () => storage.signUp('ev', studentNo(1), at(1)));
    expect(again.ops).toBe(8);
    const closed = await measure('sign-up refused: closed', () => storage.signUp('ev', studentNo(2), at(100)));
    expect(closed.ops).toBe(2);
  });

  it('costs 7 operations for a cancel that promotes the first waitlisted student', async () => {
    for (const i of [1, 2, 3, 4]) await storage.signUp('ev', studentNo(i), NOW);
    const row = await measure('cancel, confirmed, first waitlisted promoted', () => storage.cancel('ev', studentNo(1), NOW));
    expect(row.ops).toBe(7);
  });

  it('costs 5 operations for a cancel with nobody waiting, and for leaving the waitlist', async () => {
    for (const i of [1, 2, 3]) await storage.signUp('ev', studentNo(i), NOW);
    const leave = await measure('cancel, waitlisted student leaves', () => storage.cancel('ev', studentNo(3), NOW));
    expect(leave.ops).toBe(5);
    const row = await measure('cancel, confirmed, nobody waiting', () => storage.cancel('ev', studentNo(1), NOW));
    expect(row.ops).toBe(5);
  });

  it('costs 1 operation for a waitlist position, an event, a page of events', async () => {
    for (const i of [1, 2, 3, 4]) await storage.signUp('ev', studentNo(i), NOW);
    const reg = (await storage.getRegistration('ev', studentNo(4)))!;
    expect((await measure('waitlist position', () => storage.waitlistPosition(reg))).ops).toBe(1);
    expect((await measure('get event', () => storage.getEvent('ev'))).ops).toBe(1);
    expect((await measure('list events (up to 100)', () => storage.listEvents({ keyword: '讲坛' }))).ops).toBe(1);
    const page = await measure('a page of events as lists show them (up to 400; listEvents, listManagedEvents)', () => storage.listEventPage({ limit: 400 }));
    expect(page.operations).toEqual(['getDocument events']);
    // Read as listings: the projection names the listing's fields, never the description, details or rules.
    expect(backend.requestLog()[0].fields).toEqual(EVENT_LISTING_FIELDS.filter((f) => f !== 'id'));
    expect((await measure('the next page of events', () => storage.listEventPage({ limit: 400, after: { startAt: NOW.toISOString(), id: 'ev' } }))).operations).toEqual([
      'getDocument events where startAt,_id',
    ]);
    expect((await measure('find student by openid', () => storage.findStudentByOpenid('openid-1'))).ops).toBe(1);
  });

  describe('check-in', () => {
    const DOOR = at(96); // the default event's check-in window is at(95.5) … at(98)
    const s1 = studentNo(1);
    const attempt = (i: number, overrides: Partial<ScanAttempt> = {}): ScanAttempt => ({
      studentNo: studentNo(i),
      purpose: 'in',
      at: DOOR,
      by: 'openid-officer',
      method: 'member_code',
      passSeq: 1,
      ...overrides,
    });
    const scan = (scanId: string, a: ScanAttempt, offline = false) =>
      storage.recordScan({ scanId, eventId: 'ev', attempt: a, offline }, a.at);
    const audit = { at: DOOR.toISOString(), actor: 'openid-officer', action: 'correctAttendance', target: 'ev', detail: '{}' };

    beforeEach(async () => {
      await storage.signUp('ev', s1, NOW);
      await storage.signUp('ev', studentNo(2), NOW);
    });

    it('costs 6 operations for a scan that checks a member in, in one transaction, and nothing grows with the event', async () => {
      const row = await measure('scan, checked in (online)', () => scan('s-1', attempt(1)));
      expect(row.operations).toEqual([
        'tx getDocument events/ev',
        `tx getDocument registrations/ev:${s1}`,
        `tx getDocument attendance/ev:${s1}`,
        `tx modifyDocument attendance/ev:${s1} upsert`,
        'tx modifyDocument events/ev',
        'tx insertDocument scans/s-1',
      ]);
      expect(row.txRequests).toBe(2);
      const out = await measure('scan, checked out (online)', () => scan('s-2', attempt(1, { purpose: 'out', at: at(97) })));
      expect(out.ops).toBe(6);
    });

    it('costs 4 operations for a scan that changes nothing (already, refused): only the scan is written', async () => {
      await scan('s-1', attempt(1));
      const already = await measure('scan, already checked in', () => scan('s-2', attempt(1)));
      expect(already.ops).toBe(4);
      expect(already.operations[3]).toBe('tx insertDocument scans/s-2');
      const refused = await measure('scan, refused (not signed up)', () => scan('s-3', attempt(5)));
      expect(refused.ops).toBe(4);
    });

    it('costs 5 operations for a scan id seen before (a retried request, a batch uploaded again), online or offline', async () => {
      await scan('s-1', attempt(1));
      const retried = await measure('scan id seen before (rare: retried request, batch uploaded again)', () => scan('s-1', attempt(1)));
      expect(retried.operations).toEqual([
        'tx getDocument events/ev',
        `tx getDocument registrations/ev:${s1}`,
        `tx getDocument attendance/ev:${s1}`,
        'tx insertDocument scans/s-1 (fails: DATABASE_REQUEST_FAILED)',
        'getDocument scans/s-1',
      ]);
      expect((await measure('scan, offline upload, new', () => scan('s-off', attempt(2), true))).ops).toBe(6);
      expect((await measure('scan id seen before, offline upload', () => scan('s-off', attempt(2), true))).ops).toBe(5);
    });

    it('leaves nothing behind when a write of the scan transaction fails, and rethrows that failure', async () => {
      backend.failNext('insertDocument', 'scans');
      await expect(scan('s-1', attempt(1))).rejects.toMatchObject({ errCode: -501001 });
      backend.failNext('modifyDocument', 'events');
      await expect(scan('s-2', attempt(1))).rejects.toMatchObject({ errCode: -501001 });
      expect(await storage.getAttendance('ev', s1)).toBeNull();
      expect(await storage.getScan('s-1')).toBeNull();
      expect(await storage.attendanceCounts('ev')).toEqual({ registered: 2, checkedIn: 0, checkedOut: 0 });
      expect((await scan('s-1', attempt(1))).scan.outcome.status).toBe('recorded');
    });

    it('runs one container\'s scans of one event one after another: 8 at once cost 6 operations each, no conflict', async () => {
      await storage.putEvents([makeEvent({ id: 'ev8', capacity: 10 })]);
      for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) await storage.signUp('ev8', studentNo(i), NOW);
      backend.resetCounters();
      const outs = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8].map((i) => storage.recordScan({ scanId: `s-${i}`, eventId: 'ev8', attempt: attempt(i), offline: true }, DOOR)),
      );
      expect(outs.every((o) => o.scan.outcome.status === 'recorded')).toBe(true);
      expect(backend.counters()).toMatchObject({ documentOps: 48, transactions: { conflicts: 0 } });
      expect(outs.map((o) => o.counts.checkedIn).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('keeps counts exact when scans of one event race in several containers (conflicts, retried)', async () => {
      await storage.putEvents([makeEvent({ id: 'ev8', capacity: 10 })]);
      for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) await storage.signUp('ev8', studentNo(i), NOW);
      const containers = [0, 1, 2, 3].map(() => new CloudbaseStorage(db, { sleep: async () => {}, maxAttempts: 50 }));
      backend.resetCounters();
      const outs = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8, 1, 2].map((i, k) =>
          containers[k % 4].recordScan({ scanId: `r-${k}`, eventId: 'ev8', attempt: attempt(i), offline: false }, DOOR),
        ),
      );
      expect(backend.counters().transactions.conflicts).toBeGreaterThan(0);
      expect(outs.filter((o) => o.scan.outcome.status === 'recorded')).toHaveLength(8);
      expect(outs.filter((o) => o.scan.outcome.status === 'already')).toHaveLength(2);
      expect(await storage.attendanceCounts('ev8')).toEqual({ registered: 8, checkedIn: 8, checkedOut: 0 });
    });

    it('costs 6 operations for a correction (with its audit entry), 3 for a refused one', async () => {
      const row = await measure('correction, check in by hand', () =>
        storage.correctAttendance({ eventId: 'ev', studentNo: s1, op: 'check_in', at: DOOR, by: 'openid-officer' }, audit, DOOR),
      );
      expect(row.operations).toEqual([
        'tx getDocument events/ev',
        `tx getDocument registrations/ev:${s1}`,
        `tx getDocument attendance/ev:${s1}`,
        `tx modifyDocument attendance/ev:${s1} upsert`,
        'tx modifyDocument events/ev',
        'tx insertDocument auditLog',
      ]);
      const refused = await measure('correction refused (not needed)', () =>
        storage.correctAttendance({ eventId: 'ev', studentNo: s1, op: 'check_in', at: DOOR, by: 'openid-officer' }, audit, DOOR),
      );
      expect(refused.ops).toBe(3);
    });

    it('costs 2 operations for a pass number, 3 for a staff change (1 when nothing changes), 1 for the counts', async () => {
      expect((await measure('issue a pass number', () => storage.issuePassSeq('ev', s1, NOW))).ops).toBe(2);
      const staffAudit = { ...audit, action: 'setCheckinStaff' };
      expect((await measure('assign check-in staff', () => storage.setEventStaff('ev', 'openid-x', true, staffAudit))).ops).toBe(3);
      expect((await measure('assign check-in staff again (no change)', () => storage.setEventStaff('ev', 'openid-x', true, staffAudit))).ops).toBe(1);
      expect((await measure('attendance counts', () => storage.attendanceCounts('ev'))).ops).toBe(1);
    });

    it('costs one transaction per group of 20 members for an offline batch: 100 scans of 100 members are 5 transactions of 4 round trips', async () => {
      await storage.putStudents(makeStudents(100, 11));
      await storage.putEvents([makeEvent({ id: 'ev100', capacity: 100 })]);
      for (let i = 11; i <= 110; i++) await storage.signUp('ev100', studentNo(i), NOW);
      const scans = Array.from({ length: 100 }, (_, k) => ({ scanId: `b-${k}`, attempt: attempt(11 + k), offline: true }));
      const row = await measure('offline batch, 100 scans of 100 members (recordScanBatch)', () => storage.recordScanBatch('ev100', scans, DOOR));
      // Per group: the event, 20 registrations and 20 attendance read side by side; 20 attendance set, 20 scans
      // added and the counters updated side by side.
      expect(row.ops).toBe(5 * (1 + 20 + 20 + 20 + 20 + 1));
      expect(row.txRequests).toBe(10);
      expect(row.operations.filter((o) => o === 'tx modifyDocument events/ev100')).toHaveLength(5);
      expect(await storage.attendanceCounts('ev100')).toEqual({ registered: 100, checkedIn: 100, checkedOut: 0 });
      const again = await storage.recordScanBatch('ev100', scans, DOOR);
      expect(again.outcomes.every((o) => o.duplicate)).toBe(true);
      expect(await storage.attendanceCounts('ev100')).toEqual({ registered: 100, checkedIn: 100, checkedOut: 0 });
    });

    it('a group whose scan id was stored meanwhile is written again without it, the stored one answered as a duplicate', async () => {
      await scan('s-1', attempt(1));
      const out = await storage.recordScanBatch('ev', [{ scanId: 's-1', attempt: attempt(1), offline: true }, { scanId: 's-2', attempt: attempt(2), offline: true }], DOOR);
      expect(out.outcomes.map((o) => [o.scan.scanId, o.duplicate, o.scan.outcome.status])).toEqual([['s-1', true, 'recorded'], ['s-2', false, 'recorded']]);
      expect(await storage.attendanceCounts('ev')).toMatchObject({ checkedIn: 2 });
    });

    it('lists an event\'s attendance with 3 queries per 100 people', async () => {
      await scan('s-1', attempt(1));
      const row = await measure('attendance list (2 members)', () => storage.listEventAttendance('ev'));
      expect(row.operations).toEqual([
        'getDocument registrations where eventId,status',
        'getDocument attendance where eventId',
        'getDocument students where _id',
      ]);
    });
  });
});

describe('cloudbase: database operations of credits', () => {
  let backend: CloudbaseBackend;
  let db: RealSdkDatabase;
  let storage: CloudbaseStorage;
  const s1 = studentNo(1);
  const base1 = attendanceKeyBase('ev', s1);

  beforeEach(async () => {
    ({ backend, db } = opsWorld());
    storage = new CloudbaseStorage(db);
    await storage.putStudents(makeStudents(10));
    await storage.putEvents([makeEvent({ id: 'ev', capacity: 2 })]);
  });

  const measure = (action: string, run: () => Promise<unknown>) => measureOn(backend, action, run);

  const draft = (i: number, amount: number, overrides: Partial<AwardDraft> = {}): AwardDraft => ({
    base: attendanceKeyBase('ev', studentNo(i)),
    studentNo: studentNo(i),
    module: 'ideology',
    amount,
    hours: 0,
    sourceType: 'attendance',
    eventId: 'ev',
    rule: `fixed ${amount / 100} 学分`,
    reason: null,
    confirmedBy: 'system',
    at: NOW.toISOString(),
    ...overrides,
  });
  const settle = (d: AwardDraft | null, i = 1, when = NOW) =>
    storage.settleCredit(studentNo(i), attendanceKeyBase('ev', studentNo(i)), d, 'openid-officer', '签到更正', when);
  const audit = (action: string, target: string) => ({ at: NOW.toISOString(), actor: 'openid-officer', action, target, detail: '{}' });

  it('costs 5 operations to credit a source (the entry, its head and the student\'s totals), 1 when it is credited already, whatever the ledger holds', async () => {
    const first = await measure('credit settlement, first award', () => settle(draft(1, 200)));
    expect(first.operations).toEqual([
      `tx getDocument ledgerHeads/${base1}`,
      `tx getDocument creditTotals/${s1}`,
      `tx insertDocument ledger/${base1}`,
      `tx modifyDocument ledgerHeads/${base1} upsert`,
      `tx modifyDocument creditTotals/${s1} upsert`,
    ]);
    expect(first.txRequests).toBe(2);
    const again = await measure('credit settlement, already credited (a retry, a batch uploaded again)', () => settle(draft(1, 200), 1, at(1)));
    expect(again.operations).toEqual([`tx getDocument ledgerHeads/${base1}`]);
    // Other entries of the student (or of anyone) cost nothing: the head is one document per source.
    for (const i of [2, 3, 4, 5]) await settle(draft(i, 100));
    await storage.awardMany(Array.from({ length: 20 }, (_, k) => draft(1, 10, { base: `man:f:${k}`, sourceType: 'manual', eventId: null })));
    expect((await measure('credit settlement, another source', () => settle(draft(6, 100), 6))).ops).toBe(5);
  });

  it('costs 6 operations to change what a source is worth (reversal and the next award), 5 to take it back', async () => {
    await settle(draft(1, 200));
    const change = await measure('credit settlement, amount changed', () => settle(draft(1, 150), 1, at(1)));
    expect(change.operations).toEqual([
      `tx getDocument ledgerHeads/${base1}`,
      `tx getDocument creditTotals/${s1}`,
      `tx insertDocument ledger/rev:${base1}`,
      `tx insertDocument ledger/${base1}#2`,
      `tx modifyDocument ledgerHeads/${base1} upsert`,
      `tx modifyDocument creditTotals/${s1} upsert`,
    ]);
    const back = await measure('credit settlement, source earns nothing now', () => settle(null, 1, at(2)));
    expect(back.ops).toBe(5);
  });

  it('settles one container\'s settlements of one student one after another: 5 at once cost 5 + 4 × 1 operations, no conflict', async () => {
    backend.resetCounters();
    const answers = await Promise.all(Array.from({ length: 5 }, () => settle(draft(1, 200))));
    expect(answers.flat()).toHaveLength(1);
    expect(backend.counters()).toMatchObject({ documentOps: 9, transactions: { conflicts: 0 } });
    // Different sources of one student write the same totals document: queued too, never conflicting.
    backend.resetCounters();
    await Promise.all([2, 3, 4].map((k) => storage.settleCredit(s1, `man:g:${k}`, draft(1, 10, { base: `man:g:${k}`, sourceType: 'manual', eventId: null }), 'system', '', NOW)));
    expect(backend.counters()).toMatchObject({ documentOps: 15, transactions: { conflicts: 0 } });
  });

  it('credits once when containers race on one source (conflicts, retried)', async () => {
    const containers = [0, 1, 2, 3].map(() => new CloudbaseStorage(db, { sleep: async () => {}, maxAttempts: 50 }));
    backend.resetCounters();
    const answers = await Promise.all(
      containers.map((c) => c.settleCredit(s1, base1, draft(1, 200), 'system', '', NOW)),
    );
    expect(answers.flat()).toHaveLength(1);
    expect(backend.counters().transactions.conflicts).toBeGreaterThan(0);
    expect((await storage.listLedger(s1)).map((e) => e.key)).toEqual([base1]);
  });

  it('leaves nothing behind when the entry\'s add fails, and rethrows that failure', async () => {
    backend.failNext('insertDocument', 'ledger');
    await expect(settle(draft(1, 200))).rejects.toMatchObject({ errCode: -501001 });
    expect(backend.dump('ledger')).toEqual([]);
    expect(backend.dump('ledgerHeads')).toEqual([]);
    expect(await settle(draft(1, 200))).toHaveLength(1);
  });

  it('costs 5 operations per bulk award, 20 in flight (a student\'s rows one after another)', async () => {
    const drafts = Array.from({ length: 20 }, (_, k) => draft((k % 10) + 1, 50, { base: `man:f:${k}`, sourceType: 'manual', eventId: null }));
    const row = await measure('bulk manual awards (20 rows)', () => storage.awardMany(drafts));
    expect(row.ops).toBe(100);
    expect(backend.counters().transactions.conflicts).toBe(0);
    expect((await measure('bulk manual awards, same file again (20 rows)', () => storage.awardMany(drafts))).ops).toBe(20);
  });

  it('reads a transcript\'s 300 entries in 4 queries (100 a page; the last finds the end), everyone\'s totals in 1 query per 1,000 students', async () => {
    await storage.awardMany(Array.from({ length: 300 }, (_, k) => draft(1, 10, { base: `man:t:${k}`, sourceType: 'manual', eventId: null })));
    const list = await measure('list a student\'s ledger (300 entries)', () => storage.listLedger(s1));
    expect(list.operations).toEqual(Array(4).fill('getDocument ledger where studentNo'));
    expect(new Set((await storage.listLedger(s1)).map((e) => e.key))).toEqual(new Set(Array.from({ length: 300 }, (_, k) => `man:t:${k}`)));
    const totals = await measure('ledger totals (the per-student totals, up to 1,000 students)', () => storage.ledgerTotals());
    expect(totals.operations).toEqual(['getDocument creditTotals']);
    expect(await storage.ledgerTotals()).toEqual([{ studentNo: s1, module: 'ideology', amount: 3000, hours: 0 }]);
    const paged = new CloudbaseStorage(db, { bulkPageSize: 2, serverPageFloor: 2 });
    for (const i of [2, 3, 4]) await settle(draft(i, 100), i);
    const row = await measure('ledger totals, 4 students 2 a page', () => paged.ledgerTotals());
    expect(row.operations).toEqual(Array(3).fill('getDocument creditTotals'));
    expect((await paged.ledgerTotals()).map((t) => t.studentNo)).toEqual([s1, studentNo(2), studentNo(3), studentNo(4)]);
  });

  it('costs 1 operation for the settings, 2 to change them (with the audit entry)', async () => {
    expect((await measure('credit settings', () => storage.creditSettings())).ops).toBe(1);
    const settings = await storage.creditSettings();
    expect((await measure('change credit settings', () => storage.putCreditSettings(settings, audit('putCreditSettings', 'credits')))).ops).toBe(2);
  });

  it('costs 3 operations to file an appeal, 8 to accept one with its credit, 3 to reject one', async () => {
    const appeal = (i: number) => ({
      id: `ev:${studentNo(i)}`,
      eventId: 'ev',
      studentNo: studentNo(i),
      note: '到场了',
      status: 'pending' as const,
      createdAt: NOW.toISOString(),
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
    });
    const filed = await measure('file an appeal', () => storage.fileAppeal(appeal(1), audit('fileAppeal', 'ev')));
    expect(filed.operations).toEqual([`tx getDocument appeals/ev:${s1}`, `tx modifyDocument appeals/ev:${s1} upsert`, 'tx insertDocument auditLog']);
    const decision = { status: 'accepted' as const, by: 'openid-officer', reason: '经核实', at: at(1) };
    const accepted = await measure('accept an appeal with its credit', () =>
      storage.decideAppeal(appeal(1).id, decision, { base: base1, target: draft(1, 50, { sourceType: 'appeal' }) }, audit('decideAppeal', 'ev')),
    );
    expect(accepted.operations).toEqual([
      `tx getDocument appeals/ev:${s1}`,
      `tx getDocument ledgerHeads/${base1}`,
      `tx getDocument creditTotals/${s1}`,
      `tx insertDocument ledger/${base1}`,
      `tx modifyDocument ledgerHeads/${base1} upsert`,
      `tx modifyDocument creditTotals/${s1} upsert`,
      `tx modifyDocument appeals/ev:${s1}`,
      'tx insertDocument auditLog',
    ]);
    await storage.fileAppeal(appeal(2), audit('fileAppeal', 'ev'));
    const rejected = await measure('reject an appeal', () =>
      storage.decideAppeal(appeal(2).id, { ...decision, status: 'rejected' }, null, audit('decideAppeal', 'ev')),
    );
    expect(rejected.ops).toBe(3);
    expect((await measure('decide an appeal decided already (refused)', () =>
      storage.decideAppeal(appeal(2).id, decision, null, audit('decideAppeal', 'ev')),
    )).ops).toBe(1);
  });

  describe('a shared transcript and its public verification', () => {
    const code = 'ABCDEFGHJKMNPQRS';
    const share = (): TranscriptShare => {
      const codeHash = shareCodeHash(code);
      return {
        codeHash,
        shareId: shareIdOf(codeHash),
        studentNo: s1,
        issuedAt: NOW.toISOString(),
        revokedAt: null,
        snapshot: {
          name: '学生1', studentNo: '2024****01', college: '信息工程学院', className: '计科2401',
          modules: [{ id: 'ideology', name: '思想政治与道德修养', amount: 200 }],
          total: 200, hours: 0, requirementMet: false, timeline: null, ledgerDigest: 'f'.repeat(64),
        },
      };
    };
    const ctx = () => ({ storage, caller: { kind: 'anonymous' as const }, now: () => NOW, demoMode: false, clientAddress: '203.0.113.7' });

    it('costs 1 operation to share and 1 to revoke', async () => {
      expect((await measure('share a transcript', () => storage.createShare(share()))).operations).toEqual([`insertDocument transcriptShares/${share().codeHash}`]);
      const revoke = await measure('revoke a shared transcript', () => storage.revokeShare(share().shareId, s1, at(1)));
      expect(revoke.operations).toEqual(['modifyDocument transcriptShares where shareId,studentNo,revokedAt']);
    });

    it('costs 2 operations per rate-limit hit (1 once the bucket is full), 5 for the whole verify action', async () => {
      await storage.createShare(share());
      const hit = await measure('rate-limit hit', () => storage.hitRateLimit('verify:203.0.113.9', NOW, 2));
      expect(hit.operations).toEqual([expect.stringMatching(/^tx getDocument rateLimits\/[0-9a-f]{64}$/), expect.stringMatching(/^tx modifyDocument rateLimits\/[0-9a-f]{64} upsert$/)]);
      expect((await measure('rate-limit hit, bucket exists', () => storage.hitRateLimit('verify:203.0.113.9', NOW, 2))).operations).toEqual([
        expect.stringMatching(/^tx getDocument rateLimits\/[0-9a-f]{64}$/),
        expect.stringMatching(/^tx modifyDocument rateLimits\/[0-9a-f]{64}$/),
      ]);
      expect((await measure('rate-limit hit, over the limit', () => storage.hitRateLimit('verify:203.0.113.9', NOW, 2))).ops).toBe(1);
      expect((await measure('verification lookup (by code hash)', () => storage.getShare(share().codeHash))).ops).toBe(1);
      const action = await measure('verify action (2 rate-limit buckets + lookup)', () => verifyTranscript({ code }, ctx()));
      expect(action.ops).toBe(5);
      expect((await verifyTranscript({ code: 'abcd-efgh-jkmn-pqrs' }, ctx())).shareId).toBe(share().shareId);
    });
  });
});

describe('cloudbase: database operations of the committee\'s tools', () => {
  let backend: CloudbaseBackend;
  let db: RealSdkDatabase;
  let storage: CloudbaseStorage;
  const P = 'ev-practice';
  const audit = (action: string, target: string) => ({ at: NOW.toISOString(), actor: 'openid-admin', action, target, detail: '{}' });
  const auditLine = 'tx insertDocument auditLog';

  beforeEach(async () => {
    ({ backend, db } = opsWorld());
    storage = new CloudbaseStorage(db);
    await storage.putStudents(makeStudents(10));
    await storage.putEvents([
      makeEvent({ id: 'ev', capacity: 2 }),
      makeEvent({ id: 'ev-apply', capacity: 2, approvalRequired: true }),
      makeEvent({
        id: P,
        category: 'practice',
        capacity: 10,
        details: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 4, destination: '孝昌县', reportDueAt: at(1000).toISOString() },
      }),
    ]);
  });

  const measure = (action: string, run: () => Promise<unknown>) => measureOn(backend, action, run);

  const fieldsOf = async (id: string) => {
    const { id: _i, status: _s, seatsLeft: _sl, waitlistCount: _wc, waitlistSeq: _ws, checkedInCount: _ci, checkedOutCount: _co,
      staffOpenids: _so, createdBy: _cb, cancelReason: _cr, ...fields } = (await storage.getEvent(id))!;
    return fields;
  };

  it('costs 2 operations to create an event, 3 to edit one or change its status (each with its audit entry)', async () => {
    const created = await measure('create an event', () => storage.createEvent(makeEvent({ id: 'ev-new', status: 'draft' }), audit('event.create', 'ev-new')));
    expect(created.operations).toEqual(['tx insertDocument events/ev-new', auditLine]);
    expect(created.txRequests).toBe(2);
    const taken = await measure('create an event refused: id exists', () => storage.createEvent(makeEvent({ id: 'ev' }), audit('event.create', 'ev')));
    expect(taken.operations).toEqual(['tx insertDocument events/ev (fails: DATABASE_REQUEST_FAILED)', 'getDocument events/ev']);
    const fields = { ...(await fieldsOf('ev')), title: '新' };
    const edited = await measure('edit an event', () => storage.updateEventFields('ev', fields, audit('event.update', 'ev')));
    expect(edited.operations).toEqual(['tx getDocument events/ev', 'tx modifyDocument events/ev', auditLine]);
    const published = await measure('publish / close / reopen / cancel an event', () => storage.changeEventStatus('ev-new', 'publish', null, audit('event.publish', 'ev-new')));
    expect(published.operations).toEqual(['tx getDocument events/ev-new', 'tx modifyDocument events/ev-new', auditLine]);
    const refused = await measure('status change refused', () => storage.changeEventStatus('ev-new', 'publish', null, audit('event.publish', 'ev-new')));
    expect(refused.operations).toEqual(['tx getDocument events/ev-new']);
  });

  it('costs 2 operations for an application (no seat, the event is not written), 5 to approve it, 4 to reject or withdraw one', async () => {
    const s1 = studentNo(1);
    const applied = await measure('sign-up, pending application', () => storage.signUp('ev-apply', s1, NOW));
    expect(applied.operations).toEqual(['tx getDocument events/ev-apply', `tx insertDocument registrations/ev-apply:${s1}`]);
    for (const i of [2, 3]) await storage.signUp('ev-apply', studentNo(i), NOW);
    const listed = await measure('list an event\'s registrations by status (up to 100)', () => storage.listRegistrationsOfEvent('ev-apply', ['pending']));
    expect(listed.operations).toEqual(['getDocument registrations where eventId,status']);
    const approved = await measure('approve an application', () => storage.decideApplication('ev-apply', s1, true, at(1), audit('application.approve', 'ev-apply')));
    expect(approved.operations).toEqual([
      'tx getDocument events/ev-apply',
      `tx getDocument registrations/ev-apply:${s1}`,
      'tx modifyDocument events/ev-apply',
      `tx modifyDocument registrations/ev-apply:${s1}`,
      auditLine,
    ]);
    const rejected = await measure('reject an application', () => storage.decideApplication('ev-apply', studentNo(2), false, at(1), audit('application.reject', 'ev-apply')));
    expect(rejected.ops).toBe(4);
    const withdrawn = await measure('withdraw a pending application', () => storage.cancel('ev-apply', studentNo(3), at(1)));
    expect(withdrawn.operations).toEqual([
      'getDocument registrations where eventId,status',
      'tx getDocument events/ev-apply',
      `tx getDocument registrations/ev-apply:${studentNo(3)}`,
      `tx modifyDocument registrations/ev-apply:${studentNo(3)}`,
    ]);
  });

  describe('teams', () => {
    const s = (i: number) => studentNo(i);
    const lock = (i: number) => `teamMembers/${P}:${s(i)}`;

    it('costs 6 operations to create a team, 6 to join one, 3 to leave, 2 to find one by code or member', async () => {
      const created = await measure('create a team', () => storage.createTeam(makeTeam()));
      expect(created.operations).toEqual([`getDocument events/${P}`, `tx getDocument ${lock(1)}`, 'tx getDocument teamCodes/ABC234', 'tx insertDocument teams/team-1', 'tx modifyDocument teamCodes/ABC234 upsert', `tx modifyDocument ${lock(1)} upsert`]);
      const joined = await measure('join a team by code', () => storage.joinTeam('ABC234', s(2), NOW));
      expect(joined.operations).toEqual([
        'getDocument teamCodes/ABC234',
        `getDocument events/${P}`,
        'tx getDocument teams/team-1',
        `tx getDocument ${lock(2)}`,
        'tx modifyDocument teams/team-1',
        `tx modifyDocument ${lock(2)} upsert`,
      ]);
      const refused = await measure('join refused (already in a team)', () => storage.joinTeam('ABC234', s(2), NOW));
      expect(refused.ops).toBe(4);
      const left = await measure('leave a team', () => storage.leaveTeam('team-1', s(2), NOW));
      expect(left.operations).toEqual(['tx getDocument teams/team-1', 'tx modifyDocument teams/team-1', `tx removeDocument ${lock(2)}`]);
      expect((await measure('find a team by join code', () => storage.findTeamByJoinCode('ABC234'))).ops).toBe(2);
      expect((await measure('the team of a student', () => storage.teamOfStudent(P, s(1)))).ops).toBe(2);
      expect((await measure('a student\'s teams', () => storage.listTeams({ studentNo: s(1) }))).operations).toEqual([
        'getDocument teamMembers where studentNo',
        'getDocument teams where _id',
      ]);
      expect((await measure('teams of an event (up to 100)', () => storage.listTeams({ eventId: P }))).ops).toBe(1);
      expect((await measure('update a team (leader)', () => storage.updateTeam('team-1', s(1), { mentor: '李老师' }, NOW))).ops).toBe(2);
    });

    it('costs 2n + 4 operations to sign up a team of n new members, in one transaction; 2 to submit the report, 3 to review it', async () => {
      await storage.createTeam(makeTeam());
      for (const i of [2, 3]) await storage.joinTeam('ABC234', s(i), NOW);
      const signed = await measure('sign up a team of 3', () => storage.signUpTeam('team-1', s(1), NOW));
      expect(signed.operations).toEqual([
        'tx getDocument teams/team-1',
        `tx getDocument events/${P}`,
        ...[1, 2, 3].map((i) => `tx getDocument registrations/${P}:${s(i)}`),
        `tx modifyDocument events/${P}`,
        ...[1, 2, 3].map((i) => `tx insertDocument registrations/${P}:${s(i)}`),
        'tx modifyDocument teams/team-1',
      ]);
      expect(signed.txRequests).toBe(2);
      const report = { title: '调研报告', summary: '走访', link: 'https://pan.example.com/r' };
      expect((await measure('submit a team\'s report', () => storage.submitTeamReport('team-1', s(1), report, NOW))).ops).toBe(2);
      const reviewed = await measure('review a team\'s report', () => storage.reviewTeam('team-1', true, 'openid-admin', '', NOW, audit('team.approve', 'team-1')));
      expect(reviewed.operations).toEqual(['tx getDocument teams/team-1', 'tx modifyDocument teams/team-1', auditLine]);
    });

    it('bounds a team at TEAM_SIZE_BOUND members whatever its event allows, so one sign-up transaction stays bounded', async () => {
      await storage.putStudents(Array.from({ length: TEAM_SIZE_BOUND + 1 }, (_, k) => makeStudent(100 + k)));
      const members = Array.from({ length: TEAM_SIZE_BOUND + 1 }, (_, k) => studentNo(100 + k));
      await storage.putEvents([
        makeEvent({
          id: 'ev-big',
          category: 'practice',
          capacity: 500,
          details: { kind: 'practice', mode: '返家乡', teamSizeMin: 1, teamSizeMax: 500, destination: '各地', reportDueAt: at(1000).toISOString() },
        }),
      ]);
      await storage.createTeam(makeTeam({ id: 'big', eventId: 'ev-big', joinCode: 'BIG234', leaderStudentNo: members[0], members: [members[0]] }));
      for (const no of members.slice(1, TEAM_SIZE_BOUND)) await storage.joinTeam('BIG234', no, NOW);
      expect(await storage.joinTeam('BIG234', members[TEAM_SIZE_BOUND], NOW).catch((e: ApiError) => e.code)).toBe('TEAM_FULL');
      const row = await measure(`sign up a team of ${TEAM_SIZE_BOUND} (the bound)`, () => storage.signUpTeam('big', members[0], NOW));
      expect(row.ops).toBe(2 * TEAM_SIZE_BOUND + 4);
      expect(backend.counters().transactions.committed).toBe(1);
      const n = TEAM_SIZE_BOUND;
      row.operations = [`tx getDocument teams, events; ${n} × tx getDocument registrations; tx modifyDocument events; ${n} × tx insertDocument registrations; tx modifyDocument teams`];
    });
  });

  it('queues notifications for 1 query per 100 keys plus 1 add per new one; a due list, a save, a consent: 1 each; a consent given: 2', async () => {
    const messages = [1, 2, 3].map((i) => makeOutboxMessage(i));
    const queued = await measure('queue 3 new notifications', () => storage.enqueueNotifications(messages));
    expect(queued.operations).toEqual(['getDocument outbox where _id', ...messages.map((m) => `insertDocument outbox/${m.key}`)]);
    expect((await measure('queue the same 3 again (the reminder job runs again)', () => storage.enqueueNotifications(messages))).operations).toEqual([
      'getDocument outbox where _id',
    ]);
    expect((await measure('due notifications (up to 100)', () => storage.dueNotifications(NOW, 100))).ops).toBe(1);
    expect((await measure('save a notification after a try', () => storage.saveNotification({ ...messages[0], status: 'sent', sentAt: NOW.toISOString() }))).operations).toEqual([
      `modifyDocument outbox/${messages[0].key}`,
    ]);
    expect((await measure('list the outbox (up to 100)', () => storage.listOutbox({ limit: 100 }))).ops).toBe(1);
    const consent = `consents/${studentNo(1)}:event_reminder`;
    expect((await measure('a consent given (new)', () => storage.addConsent(studentNo(1), 'event_reminder', 1))).operations).toEqual([`tx getDocument ${consent}`, `tx modifyDocument ${consent} upsert`]);
    expect((await measure('a consent given (more)', () => storage.addConsent(studentNo(1), 'event_reminder', 1))).operations).toEqual([`tx getDocument ${consent}`, `tx modifyDocument ${consent}`]);
    expect((await measure('a consent used', () => storage.consumeConsent(studentNo(1), 'event_reminder'))).operations).toEqual(['modifyDocument consents where _id,remaining']);
    expect((await measure('a student\'s consents', () => storage.consents(studentNo(1)))).ops).toBe(1);
  });

  it('answers the dashboard in 7 operations however many registrations there are (for one college too); exports an event in 4', async () => {
    await storage.putEvents([makeEvent({ id: 'ev-p', category: 'practice', capacity: 50 })]);
    for (const i of [1, 2, 3]) await storage.signUp('ev', studentNo(i), NOW);
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) await storage.signUp('ev-p', studentNo(i), NOW);
    const from = new Date('2025-12-31T16:00:00.000Z');
    const to = new Date('2026-12-31T16:00:00.000Z');
    const all = await measure('dashboard aggregates, a year', () => storage.dashboardAggregates(from, to, null));
    // The year's events are read as their category and start only (a whole page of 1,000 events was 1.4 MB).
    expect(backend.requestLog()[0]).toMatchObject({ collection: 'events', fields: ['category', 'startAt'] });
    expect(all.operations).toEqual([
      'getDocument events where status,startAt',
      'aggregateDocuments students group,sort,limit',
      'aggregateDocuments registrations match,group,sort,limit',
      'aggregateDocuments registrations match,lookup,unwind,group,sort,limit',
      'aggregateDocuments attendance match,group,sort,limit',
      'aggregateDocuments attendance match,lookup,unwind,group,sort,limit',
      'aggregateDocuments registrations match,group,lookup,unwind,group,sort,limit',
    ]);
    for (const i of [11, 12, 13]) await storage.putStudents([makeStudent(i)]);
    const again = await measure('dashboard aggregates, a year (more students and registrations: same)', () => storage.dashboardAggregates(from, to, null));
    expect(again.ops).toBe(7);
    expect((await measure('dashboard aggregates, one college', () => storage.dashboardAggregates(from, to, '信息工程学院'))).ops).toBe(7);
    expect((await measure('plan settings', () => storage.planSettings())).ops).toBe(1);
    const plan = await storage.planSettings();
    expect((await measure('save the plan (with its audit entry)', () => storage.putPlanSettings(plan, audit('plan.update', 'plan')))).operations).toEqual([
      'tx modifyDocument settings/plan upsert',
      auditLine,
    ]);
    const exported = await measure('export an event\'s registrations (up to 100)', () => storage.listRegistrationsForExport({ eventId: 'ev' }));
    expect(exported.operations).toEqual([
      'getDocument registrations where eventId',
      'getDocument students where _id',
      'getDocument events where _id',
      'getDocument attendance where _id',
    ]);
    expect((await measure('events to close (timer)', () => storage.listEventsToClose(NOW))).ops).toBe(1);
    expect((await measure('events starting within the lead time (timer)', () => storage.listEventsStartingWithin(NOW, 24 * 3_600_000))).ops).toBe(1);
  });
});

describe('cloudbase: database operations of bulk work', () => {
  let backend: CloudbaseBackend;
  let db: RealSdkDatabase;
  let storage: CloudbaseStorage;

  beforeEach(() => {
    ({ backend, db } = opsWorld());
    storage = new CloudbaseStorage(db);
  });

  const measure = (action: string, run: () => Promise<unknown>) => measureOn(backend, action, run, false);

  const entry = (i: number) => {
    const { openid: _o, ...s } = makeStudent(i);
    return s;
  };

  it('writes a roster chunk of 500 students with 1 operation each and 1 read per 100: no student costs 3', async () => {
    await storage.putStudents(makeStudents(200));
    const chunk = Array.from({ length: 500 }, (_, k) => entry(k + 1));
    const row = await measure('roster chunk, 500 rows (200 known, 300 new)', () => storage.upsertStudents(chunk));
    expect(row.ops).toBe(5 + 500);
    expect(row.operations.filter((o) => o.startsWith('insertDocument students/'))).toHaveLength(300);
    expect(row.operations.filter((o) => o.startsWith('modifyDocument students/'))).toHaveLength(200);
  });

  it('reads the whole roster 1,000 students a page (and one more query when the last page is not short enough to be trusted as the end)', async () => {
    await storage.putStudents(makeStudents(2_500));
    const row = await measure('the whole roster (2,500 students)', () => storage.listStudents(100_000));
    expect(row.operations).toEqual(Array(4).fill('getDocument students'));
  });

  it('costs 1 operation a part, 1 query per 12 parts to put a file together, 2 + 1 to finish', async () => {
    const session = {
      uploadId: 'u-aaaaaaaaaaaaaaaaaaaaaaaaaa', purpose: 'roster', owner: 'o', fileName: 'a.csv', size: 30 * 49_152, partBytes: 49_152, parts: 30,
      createdAt: NOW.toISOString(), expiresAt: at(1).toISOString(), fileId: null,
    };
    expect((await measure('start an upload', () => storage.startUpload(session))).ops).toBe(1);
    const bytes = new Uint8Array(49_152);
    expect((await measure('upload a part (48 KiB)', () => storage.putUploadPart(session.uploadId, 0, bytes))).ops).toBe(1);
    for (let i = 1; i < 30; i++) await storage.putUploadPart(session.uploadId, i, bytes);
    expect((await measure('read 30 parts to put the file together', () => storage.uploadParts(session.uploadId, 30))).ops).toBe(3);
    expect((await measure('finish an upload (and drop its parts)', () => storage.finishUpload(session.uploadId, 'f-bbbbbbbbbbbbbbbbbbbbbbbbbb'))).operations).toEqual([
      `tx getDocument uploads/${session.uploadId}`,
      `tx modifyDocument uploads/${session.uploadId}`,
      'removeDocument uploadParts where uploadId',
    ]);
  });

  it('costs a job 1 set per chunk and 2 to create, 2 to claim, 1 to read a chunk, 2 to record it', async () => {
    const job = {
      jobId: 'j-aaaaaaaaaaaaaaaaaaaaaaaaaa', kind: 'roster' as const, owner: 'o', fileId: 'f-aaaaaaaaaaaaaaaaaaaaaaaaaa', fileName: 'a.csv', status: 'running' as const,
      total: 1000, done: 0, chunks: 2, chunksDone: 0, report: { created: 0, updated: 0 }, error: null, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
      finishedAt: null, leaseUntil: null,
    };
    const chunks = [Array.from({ length: 500 }, (_, k) => entry(k + 1)), Array.from({ length: 500 }, (_, k) => entry(k + 501))];
    const audit = { at: NOW.toISOString(), actor: 'o', action: 'importRoster', target: 'a.csv', detail: '{}' };
    expect((await measure('create a job of 2 chunks (with its audit entry)', () => storage.createJob(job, chunks, audit))).ops).toBe(4);
    expect((await measure('claim a job', () => storage.claimJob(job.jobId, NOW, at(0.01)))).ops).toBe(2);
    expect((await measure('read a chunk (500 rows)', () => storage.jobChunk(job.jobId, 0))).ops).toBe(1);
    expect((await measure('record a chunk as done', () => storage.finishJobChunk(job.jobId, 0, 500, { created: 500, updated: 0 }, NOW))).ops).toBe(2);
  });

  it('rebuilds the totals of 1,000 students with 1 roster page, 1 read per 100, 1 aggregation per 1,000 groups, and writes only those that differ', async () => {
    await storage.putStudents(makeStudents(300));
    const draft = (i: number): AwardDraft => ({
      base: `man:r:${i}`, studentNo: studentNo(i), module: 'ideology', amount: 10, hours: 0, sourceType: 'manual', eventId: null, rule: 'r', reason: null,
      confirmedBy: 'system', at: NOW.toISOString(),
    });
    await storage.awardMany(Array.from({ length: 300 }, (_, k) => draft(k + 1)));
    const fine = await measure('check the totals of 300 students (all right)', () => storage.rebuildCreditTotals(null, 1000));
    // 300 answered of 1,000 asked is not short enough to be the end (the server may cap a page at 100): one more
    // roster page and one more aggregation page find it.
    expect(fine.operations).toEqual([
      ...Array(2).fill('getDocument students where _id'),
      ...Array(3).fill('getDocument creditTotals where _id'),
      'aggregateDocuments ledger match,group,sort,limit',
      'aggregateDocuments ledger match,group,sort,skip,limit',
    ]);
    await db.collection('creditTotals').doc(studentNo(7)).remove();
    const fixed = await measure('rebuild the totals of 300 students (1 missing)', () => storage.rebuildCreditTotals(null, 1000));
    expect(fixed.ops).toBe(fine.ops + 2);
    expect(await storage.rebuildCreditTotals(null, 1000)).toEqual({ checked: 300, changed: 0, next: null });
  });
});

describe('cloudbase: retry policy', () => {
  const conflict = () => Object.assign(new Error('database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

  async function seededDb(): Promise<{ backend: CloudbaseBackend; db: RealSdkDatabase }> {
    const world = opsWorld(true);
    const seed = new CloudbaseStorage(world.db);
    await seed.putStudents(makeStudents(2));
    await seed.putEvents([makeEvent({ id: 'ev' })]);
    return world;
  }

  it('answers BUSY once conflicts outlast its attempts, after backing off with jitter between them', async () => {
    const { db } = await seededDb();
    const runTransaction = jest.fn(() => Promise.reject(conflict()));
    const busyDb = Object.assign(Object.create(db) as WxDatabase, { runTransaction });
    const delays: number[] = [];
    // The direct path's retry policy, as without the intake queue (with it, a conflict sends the sign-up to the queue:
    // cloudbase-signup-queue.test.ts).
    const storage = new CloudbaseStorage(busyDb, {
      signupQueue: { enabled: false },
      maxAttempts: 4,
      baseDelayMs: 10,
      maxDelayMs: 25,
      random: () => 0.99,
      sleep: async (ms) => void delays.push(ms),
    });
    const error = await storage.signUp('ev', studentNo(1), NOW).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('BUSY');
    expect(runTransaction).toHaveBeenCalledTimes(4);
    expect(delays).toEqual([9, 19, 24]); // random(0, min(25, 10·2^(n-1)))
  });

  it('succeeds when a conflict clears before the attempts run out', async () => {
    const { db } = await seededDb();
    let failures = 2;
    const flaky = Object.assign(Object.create(db) as WxDatabase, {
      runTransaction: (cb: Parameters<WxDatabase['runTransaction']>[0], retries?: number) =>
        failures-- > 0 ? Promise.reject(conflict()) : db.runTransaction(cb, retries),
    });
    const storage = new CloudbaseStorage(flaky, { sleep: async () => {} });
    expect((await storage.signUp('ev', studentNo(1), NOW)).registration.status).toBe('confirmed');
  });

  it('does not retry a refusal or an unexpected failure', async () => {
    const { backend, db } = await seededDb();
    const sleep = jest.fn(async () => {});
    const storage = new CloudbaseStorage(db, { sleep });
    expect((await storage.signUp('ev', studentNo(1), at(100)).catch((e) => e)).code).toBe('SIGNUP_CLOSED');
    backend.failNext('getDocument', 'events');
    await expect(storage.signUp('ev', studentNo(1), NOW)).rejects.toMatchObject({ errCode: -501001 });
    expect(sleep).not.toHaveBeenCalled();
  });
});
