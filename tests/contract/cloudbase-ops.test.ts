import { ApiError } from '../../types';
import { dispatch } from '../../server/handlers';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import type { WxDatabase } from '../../server/storage/cloudbase/wx-db';
import type { ScanAttempt } from '../../server/domain';
import { at, makeEvent, makeStudents, NOW, studentNo } from '../support/factories';

/**
 * What each action costs on CloudBase, which bills per database operation, counted by the stand-in; and the
 * transaction behaviour of the stand-in that the adapter's correctness rests on.
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
  console.log(`CloudBase operations per action (stand-in counts)\n${lines.join('\n')}`);
});

describe('cloudbase: database operations per action', () => {
  let db: FakeWxDb;
  let storage: CloudbaseStorage;

  beforeEach(async () => {
    db = new FakeWxDb({ throwOnNotFound: false });
    storage = new CloudbaseStorage(db);
    await storage.putStudents(makeStudents(10));
    await storage.putEvents([makeEvent({ id: 'ev', capacity: 2 })]);
  });

  async function measure(action: string, run: () => Promise<unknown>): Promise<Row> {
    db.resetOpCount();
    await run().catch((error) => {
      if (!(error instanceof ApiError)) throw error;
    });
    const c = db.counters();
    expect(c.queriesThroughTransaction).toBe(0);
    const row = {
      action,
      ops: c.ops,
      txRequests: c.transactions.started + c.transactions.committed + c.transactions.rolledBack,
      operations: db.operations(),
    };
    rows.push(row);
    return row;
  }

  it('costs 3 operations for the whole sign-up action in a warm container (the caller is remembered)', async () => {
    const ctx = { storage, caller: { kind: 'wechat' as const, openid: 'openid-1' }, now: () => NOW, demoMode: false };
    await dispatch({ action: 'getMe', payload: {} }, ctx); // the container has met this caller before
    const row = await measure('sign-up action (handler), warm container', () =>
      dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, ctx),
    );
    expect(row.ops).toBe(3);
    const cold = new CloudbaseStorage(db);
    const first = await measure('sign-up action (handler), first call of a container', () =>
      dispatch({ action: 'signUp', payload: { eventId: 'ev' } }, { ...ctx, storage: cold, caller: { kind: 'wechat', openid: 'openid-2' } }),
    );
    expect(first.ops).toBe(4);
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
    expect(row.operations).toEqual(['tx get events/ev', 'tx update events/ev', `tx add registrations/ev:${studentNo(1)}`]);
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
        'tx get events/ev',
        `tx get registrations/ev:${s1}`,
        `tx get attendance/ev:${s1}`,
        `tx set attendance/ev:${s1}`,
        'tx update events/ev',
        'tx add scans/s-1',
      ]);
      expect(row.txRequests).toBe(2);
      const out = await measure('scan, checked out (online)', () => scan('s-2', attempt(1, { purpose: 'out', at: at(97) })));
      expect(out.ops).toBe(6);
    });

    it('costs 4 operations for a scan that changes nothing (already, refused): only the scan is written', async () => {
      await scan('s-1', attempt(1));
      const already = await measure('scan, already checked in', () => scan('s-2', attempt(1)));
      expect(already.ops).toBe(4);
      expect(already.operations[3]).toBe('tx add scans/s-2');
      const refused = await measure('scan, refused (not signed up)', () => scan('s-3', attempt(5)));
      expect(refused.ops).toBe(4);
    });

    it('costs 5 operations for a scan id seen before (a retried request, a batch uploaded again), online or offline', async () => {
      await scan('s-1', attempt(1));
      const retried = await measure('scan id seen before (rare: retried request, batch uploaded again)', () => scan('s-1', attempt(1)));
      expect(retried.operations).toEqual([
        'tx get events/ev',
        `tx get registrations/ev:${s1}`,
        `tx get attendance/ev:${s1}`,
        'tx add scans/s-1',
        'get scans/s-1',
      ]);
      expect((await measure('scan, offline upload, new', () => scan('s-off', attempt(2), true))).ops).toBe(6);
      expect((await measure('scan id seen before, offline upload', () => scan('s-off', attempt(2), true))).ops).toBe(5);
    });

    it('leaves nothing behind when a write of the scan transaction fails, and rethrows that failure', async () => {
      db.failNext('add', 'scans');
      await expect(scan('s-1', attempt(1))).rejects.toMatchObject({ errCode: -501001 });
      db.failNext('update', 'events');
      await expect(scan('s-2', attempt(1))).rejects.toMatchObject({ errCode: -501001 });
      expect(await storage.getAttendance('ev', s1)).toBeNull();
      expect(await storage.getScan('s-1')).toBeNull();
      expect(await storage.attendanceCounts('ev')).toEqual({ registered: 2, checkedIn: 0, checkedOut: 0 });
      expect((await scan('s-1', attempt(1))).scan.outcome.status).toBe('recorded');
    });

    it('runs one container\'s scans of one event one after another: 8 at once cost 6 operations each, no conflict', async () => {
      await storage.putEvents([makeEvent({ id: 'ev8', capacity: 10 })]);
      for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) await storage.signUp('ev8', studentNo(i), NOW);
      db.resetOpCount();
      const outs = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8].map((i) => storage.recordScan({ scanId: `s-${i}`, eventId: 'ev8', attempt: attempt(i), offline: true }, DOOR)),
      );
      expect(outs.every((o) => o.scan.outcome.status === 'recorded')).toBe(true);
      expect(db.counters()).toMatchObject({ ops: 48, transactions: { conflicts: 0 } });
      expect(outs.map((o) => o.counts.checkedIn).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('keeps counts exact when scans of one event race in several containers (conflicts, retried)', async () => {
      await storage.putEvents([makeEvent({ id: 'ev8', capacity: 10 })]);
      for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) await storage.signUp('ev8', studentNo(i), NOW);
      const containers = [0, 1, 2, 3].map(() => new CloudbaseStorage(db, { sleep: async () => {}, maxAttempts: 50 }));
      db.resetOpCount();
      const outs = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8, 1, 2].map((i, k) =>
          containers[k % 4].recordScan({ scanId: `r-${k}`, eventId: 'ev8', attempt: attempt(i), offline: false }, DOOR),
        ),
      );
      expect(db.counters().transactions.conflicts).toBeGreaterThan(0);
      expect(outs.filter((o) => o.scan.outcome.status === 'recorded')).toHaveLength(8);
      expect(outs.filter((o) => o.scan.outcome.status === 'already')).toHaveLength(2);
      expect(await storage.attendanceCounts('ev8')).toEqual({ registered: 8, checkedIn: 8, checkedOut: 0 });
    });

    it('costs 6 operations for a correction (with its audit entry), 3 for a refused one', async () => {
      const row = await measure('correction, check in by hand', () =>
        storage.correctAttendance({ eventId: 'ev', studentNo: s1, op: 'check_in', at: DOOR, by: 'openid-officer' }, audit, DOOR),
      );
      expect(row.operations).toEqual([
        'tx get events/ev',
        `tx get registrations/ev:${s1}`,
        `tx get attendance/ev:${s1}`,
        `tx set attendance/ev:${s1}`,
        'tx update events/ev',
        expect.stringMatching(/^tx add auditLog\//),
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

    it('lists an event\'s attendance with 3 queries per 100 people', async () => {
      await scan('s-1', attempt(1));
      const row = await measure('attendance list (2 members)', () => storage.listEventAttendance('ev'));
      expect(row.operations).toEqual([
        'query registrations where eventId,status',
        'query attendance where eventId',
        'query students where _id',
      ]);
    });
  });
});

describe('the stand-in transaction', () => {
  it('detects two concurrent transactions on one document and re-runs the one that lost', async () => {
    const db = new FakeWxDb();
    await db.collection('counters').doc('c').set({ data: { n: 0 } });
    let runs = 0;
    const increment = () =>
      db.runTransaction(async (t) => {
        runs++;
        const { data } = await t.collection('counters').doc('c').get();
        await t.collection('counters').doc('c').update({ data: { n: (data!.n as number) + 1 } });
      });
    await Promise.all([increment(), increment()]);
    expect((await db.collection('counters').doc('c').get()).data).toMatchObject({ n: 2 });
    expect(runs).toBe(3);
    expect(db.counters().transactions).toMatchObject({ started: 3, committed: 2, conflicts: 1 });
  });

  it('gives up with DATABASE_TRANSACTION_CONFLICT after the first run and `retries` re-runs', async () => {
    const db = new FakeWxDb();
    await db.collection('counters').doc('c').set({ data: { n: 0 } });
    let runs = 0;
    const error = await db
      .runTransaction(async (t) => {
        runs++;
        await t.collection('counters').doc('c').get();
        await db.collection('counters').doc('c').update({ data: { n: db.command.inc(1) } }); // a writer outside
      }, 2)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(runs).toBe(3);
    expect((await db.collection('counters').doc('c').get()).data).toMatchObject({ n: 3 });
  });

  it('runs a where-update made through a transaction outside it, so a rollback does not undo it', async () => {
    const db = new FakeWxDb();
    await db.collection('regs').doc('a').set({ data: { status: 'waitlisted', touched: false } });
    await db.collection('regs').doc('b').set({ data: { status: 'waitlisted', touched: false } });
    const failure = await db
      .runTransaction(async (t) => {
        await t.collection('regs').doc('a').update({ data: { touched: true } });
        const res = await t.collection('regs').where({ status: 'waitlisted' }).update({ data: { status: 'confirmed' } });
        expect(res.stats.updated).toBe(2);
        throw new Error('abort');
      })
      .catch((e: Error) => e.message);
    expect(failure).toBe('abort');
    // The doc update was rolled back with the transaction; the where-update had already happened outside it.
    expect(db.dump('regs')).toEqual([
      { _id: 'a', status: 'confirmed', touched: false },
      { _id: 'b', status: 'confirmed', touched: false },
    ]);
    expect(db.counters().queriesThroughTransaction).toBe(1);
  });
});

describe('cloudbase: retry policy', () => {
  const conflict = () => Object.assign(new Error('database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

  async function seededDb(): Promise<FakeWxDb> {
    const db = new FakeWxDb();
    const seed = new CloudbaseStorage(db);
    await seed.putStudents(makeStudents(2));
    await seed.putEvents([makeEvent({ id: 'ev' })]);
    return db;
  }

  it('answers BUSY once conflicts outlast its attempts, after backing off with jitter between them', async () => {
    const db = await seededDb();
    const runTransaction = jest.fn(() => Promise.reject(conflict()));
    const busyDb = Object.assign(Object.create(db) as WxDatabase, { runTransaction });
    const delays: number[] = [];
    const storage = new CloudbaseStorage(busyDb, {
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
    const db = await seededDb();
    let failures = 2;
    const flaky = Object.assign(Object.create(db) as WxDatabase, {
      runTransaction: (cb: Parameters<WxDatabase['runTransaction']>[0], retries?: number) =>
        failures-- > 0 ? Promise.reject(conflict()) : db.runTransaction(cb, retries),
    });
    const storage = new CloudbaseStorage(flaky, { sleep: async () => {} });
    expect((await storage.signUp('ev', studentNo(1), NOW)).registration.status).toBe('confirmed');
  });

  it('does not retry a refusal or an unexpected failure', async () => {
    const db = await seededDb();
    const sleep = jest.fn(async () => {});
    const storage = new CloudbaseStorage(db, { sleep });
    expect((await storage.signUp('ev', studentNo(1), at(100)).catch((e) => e)).code).toBe('SIGNUP_CLOSED');
    db.failNext('get', 'events');
    await expect(storage.signUp('ev', studentNo(1), NOW)).rejects.toMatchObject({ errCode: -501001 });
    expect(sleep).not.toHaveBeenCalled();
  });
});
