import { attendanceKeyBase, summarize } from '../../core';
import { attendanceTarget } from '../../server/features/credits/settle-attendance';
import { seedDemoData } from '../../server/local/seed';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { SHANGHAI_MOMENTS } from '../support/test-moment';

/**
 * The demo seed's credit history: events that are over have their attendance and exactly the credits that
 * attendance earns (as a live scan would settle them), the demo switch's students have a transcript, and the branch
 * 23级软件技术1班团支部 has pending appeals to decide — whatever the moment the seed is laid out around, from just after
 * midnight to the last minutes of the year.
 */
describe.each(SHANGHAI_MOMENTS)('demo seed: credit history, seeded at %s', (_label, now) => {
  let storage: SqliteStorage;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;

  beforeAll(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    seeded = await seedDemoData(storage, now);
  });

  afterAll(async () => {
    await storage.close();
  });

  it('seeds a history, and only once', async () => {
    expect(seeded.ledgerEntries).toBeGreaterThan(100);
    expect(await seedDemoData(storage, now)).toMatchObject({ events: 0, ledgerEntries: 0, appeals: 0 });
  });

  it('credits everyone who came to an event that is over with what their attendance earns, and no one else', async () => {
    const past = (await storage.listEvents({})).filter((e) => e.status === 'published' && Date.parse(e.endAt) <= now.getTime());
    expect(past.length).toBeGreaterThanOrEqual(4);
    for (const event of past) {
      const rows = await storage.listEventAttendance(event.id);
      expect(rows.some((r) => r.attendance?.checkedInAt)).toBe(true);
      for (const row of rows) {
        const studentNo = row.student.studentNo;
        const target = attendanceTarget(event, studentNo, row.attendance, 'system', now);
        const mine = (await storage.listLedger(studentNo)).filter((e) => e.key === attendanceKeyBase(event.id, studentNo));
        expect(mine.map((e) => e.amount)).toEqual(target ? [target.amount] : []);
      }
    }
    // Nothing is credited for the events under way: nobody has been checked in there yet.
    const running = (await storage.listEvents({})).filter((e) => Date.parse(e.startAt) <= now.getTime() && Date.parse(e.endAt) > now.getTime());
    for (const event of running) {
      for (const row of await storage.listEventAttendance(event.id)) {
        expect((await storage.listLedger(row.student.studentNo)).filter((e) => e.eventId === event.id)).toEqual([]);
      }
    }
  });

  it('gives the demo switch students a transcript with several modules and volunteer hours, and no sign-ups', async () => {
    for (const studentNo of ['2023011101', '2024011101']) {
      const summary = summarize(await storage.listLedger(studentNo));
      expect(Object.keys(summary.byModule).length).toBeGreaterThanOrEqual(3);
      expect(summary.hours).toBeGreaterThan(0);
      expect(await storage.listActiveRegistrationsOfStudent(studentNo)).toEqual([]);
    }
  });

  it('totals every student the same from the aggregate as from their own ledger', async () => {
    const totals = await storage.ledgerTotals();
    const byStudent = new Map<string, number>();
    for (const t of totals) byStudent.set(t.studentNo, (byStudent.get(t.studentNo) ?? 0) + t.amount);
    expect(byStudent.size).toBeGreaterThan(100);
    for (const [studentNo, total] of [...byStudent].slice(0, 50)) {
      expect(summarize(await storage.listLedger(studentNo)).total).toBe(total);
    }
  });

  it('leaves the branch 23级软件技术1班团支部 pending appeals from members it did not check in', async () => {
    const pending = await storage.listAppeals({ status: ['pending'] });
    expect(pending.length).toBeGreaterThanOrEqual(2);
    for (const appeal of pending) {
      expect((await storage.findStudentByNo(appeal.studentNo))?.branch).toBe('23级软件技术1班团支部');
      expect((await storage.getRegistration(appeal.eventId, appeal.studentNo))?.status).toBe('confirmed');
      expect((await storage.getAttendance(appeal.eventId, appeal.studentNo))?.checkedInAt ?? null).toBeNull();
      expect(Date.parse((await storage.getEvent(appeal.eventId))!.endAt)).toBeLessThan(Date.parse(appeal.createdAt));
      expect(Date.parse(appeal.createdAt)).toBeLessThan(now.getTime());
    }
  });
});
