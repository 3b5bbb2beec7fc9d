import { attendanceHours, type AuditDraft, type EventRecord, type ScanAttempt } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * The check-in part of the storage contract, run against every adapter: a scan is one atomic step on (event,
 * student) that asks the domain (decideScan) and applies its answer; a scan id is processed once; corrections are
 * audited in the same step and refuse without writing; passes are numbered per registration; check-in staff are
 * kept on the event.
 *
 * Time line (factories): sign-up is open at NOW; the default event runs from at(96) to at(98), so check-in is open
 * from at(95.5) to at(98) and check-out until at(99). Scans happen at the door, DOOR = at(96).
 */
const DOOR = at(96);
const OFFICER = 'openid-officer';

export function runCheckinContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: check-in contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    let scanSeq = 0;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      scanSeq = 0;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function seed(overrides: Partial<EventRecord> = {}, students = 12): Promise<EventRecord> {
      const event = makeEvent({ capacity: 5, ...overrides });
      await storage.putStudents(makeStudents(students));
      await storage.putEvents([event]);
      return event;
    }

    async function signUp(eventId: string, ...students: number[]): Promise<void> {
      for (const i of students) await storage.signUp(eventId, studentNo(i), NOW);
    }

    async function eventNow(id: string): Promise<EventRecord> {
      const e = await storage.getEvent(id);
      if (!e) throw new Error(`event ${id} vanished`);
      return e;
    }

    function attempt(i: number, overrides: Partial<ScanAttempt> = {}): ScanAttempt {
      return { studentNo: studentNo(i), purpose: 'in', at: DOOR, by: OFFICER, method: 'member_code', passSeq: 1, ...overrides };
    }

    /** One scan with a fresh scan id (unless given), received at `now` (the scan's own time unless given). */
    function scan(eventId: string, a: ScanAttempt, opts: { scanId?: string; now?: Date; offline?: boolean } = {}) {
      const scanId = opts.scanId ?? `scan-${String(++scanSeq).padStart(4, '0')}`;
      return storage.recordScan({ scanId, eventId, attempt: a, offline: opts.offline ?? false }, opts.now ?? a.at);
    }

    const audit = (action: string, target: string, detail: object = {}): AuditDraft => ({
      at: DOOR.toISOString(), actor: OFFICER, action, target, detail: JSON.stringify(detail),
    });

    function correct(eventId: string, i: number, op: 'check_in' | 'check_out' | 'undo_check_in' | 'undo_check_out', when = DOOR) {
      return storage.correctAttendance(
        { eventId, studentNo: studentNo(i), op, at: when, by: OFFICER },
        audit('correctAttendance', `${eventId}:${studentNo(i)}`, { op, reason: '现场核对' }),
        when,
      );
    }

    describe('member-code scans', () => {
      it('records the first scan of a confirmed member and bumps the checked-in count by one', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2, 3);
        const out = await scan(event.id, attempt(1), { scanId: 'scan-first', now: at(96.01) });
        expect(out.duplicate).toBe(false);
        expect(out.counts).toEqual({ registered: 3, checkedIn: 1, checkedOut: 0 });
        const attendance = {
          eventId: event.id,
          studentNo: studentNo(1),
          walkIn: false,
          checkedInAt: DOOR.toISOString(),
          checkedInBy: OFFICER,
          checkinMethod: 'member_code',
          checkedOutAt: null,
          checkedOutBy: null,
          checkoutMethod: null,
          updatedAt: at(96.01).toISOString(),
        };
        expect(out.scan).toEqual({
          scanId: 'scan-first',
          eventId: event.id,
          studentNo: studentNo(1),
          purpose: 'in',
          scannedAt: DOOR.toISOString(),
          receivedAt: at(96.01).toISOString(),
          by: OFFICER,
          offline: false,
          outcome: { status: 'recorded', code: null, attendance },
        });
        expect(await storage.getAttendance(event.id, studentNo(1))).toEqual(attendance);
        expect(await storage.getScan('scan-first')).toEqual(out.scan);
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 3, checkedIn: 1, checkedOut: 0 });
        expect(await eventNow(event.id)).toMatchObject({ checkedInCount: 1, checkedOutCount: 0, seatsLeft: 2 });
      });

      it('answers "already" to a second scan of the same member (new scan id) and counts nothing', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const first = await scan(event.id, attempt(1));
        const second = await scan(event.id, attempt(1, { at: at(96.1), by: 'openid-other-officer' }));
        expect(second.duplicate).toBe(false);
        expect(second.scan.outcome).toEqual({ status: 'already', code: null, attendance: first.scan.outcome.attendance });
        expect(second.counts.checkedIn).toBe(1);
        expect(await storage.getAttendance(event.id, studentNo(1))).toEqual(first.scan.outcome.attendance);
        // The "already" scan is itself kept, so its retry is recognised too.
        expect((await storage.getScan(second.scan.scanId))?.outcome.status).toBe('already');
      });

      it('answers a scan id seen before with its stored record (duplicate) and writes nothing, even for a different attempt', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2);
        const first = await scan(event.id, attempt(1), { scanId: 'scan-retry' });
        const retried = await scan(event.id, attempt(1), { scanId: 'scan-retry', now: at(96.2) });
        expect(retried).toEqual({ duplicate: true, scan: first.scan, counts: first.counts });
        // Same id, another member and purpose: still the first record, and member 2 stays unscanned.
        const other = await scan(event.id, attempt(2, { at: at(96.3) }), { scanId: 'scan-retry' });
        expect(other.duplicate).toBe(true);
        expect(other.scan).toEqual(first.scan);
        expect(await storage.getAttendance(event.id, studentNo(2))).toBeNull();
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 2, checkedIn: 1, checkedOut: 0 });
      });

      it('answers a repeated refused scan id with the stored refusal', async () => {
        const event = await seed();
        const first = await scan(event.id, attempt(1), { scanId: 'scan-refused' });
        expect(first.scan.outcome).toEqual({ status: 'refused', code: 'CHECKIN_NOT_REGISTERED', attendance: null });
        await signUp(event.id, 1);
        const again = await scan(event.id, attempt(1), { scanId: 'scan-refused' });
        expect(again.duplicate).toBe(true);
        expect(again.scan.outcome.code).toBe('CHECKIN_NOT_REGISTERED');
        expect(await storage.getAttendance(event.id, studentNo(1))).toBeNull();
      });

      it('keeps an offline scan with its own time and marks it offline', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const out = await scan(event.id, attempt(1, { at: at(96.05) }), { offline: true, now: at(97) });
        expect(out.scan).toMatchObject({ offline: true, scannedAt: at(96.05).toISOString(), receivedAt: at(97).toISOString() });
        expect((await storage.getAttendance(event.id, studentNo(1)))?.checkedInAt).toBe(at(96.05).toISOString());
      });

      it('refuses CHECKIN_REGISTRATION_CANCELLED to a member code of a cancelled registration', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        await storage.cancel(event.id, studentNo(1), at(1));
        const out = await scan(event.id, attempt(1));
        expect(out.scan.outcome).toEqual({ status: 'refused', code: 'CHECKIN_REGISTRATION_CANCELLED', attendance: null });
        expect(out.counts).toEqual({ registered: 0, checkedIn: 0, checkedOut: 0 });
        expect(await storage.getAttendance(event.id, studentNo(1))).toBeNull();
      });

      it('refuses CHECKIN_WAITLISTED to a member still on the waitlist', async () => {
        const event = await seed({ capacity: 1 });
        await signUp(event.id, 1, 2);
        const out = await scan(event.id, attempt(2));
        expect(out.scan.outcome.code).toBe('CHECKIN_WAITLISTED');
        expect(out.counts).toEqual({ registered: 1, checkedIn: 0, checkedOut: 0 });
      });

      it('refuses CHECKIN_CODE_REVOKED to a pass older than the latest one issued', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        expect(await storage.issuePassSeq(event.id, studentNo(1), NOW)).toBe(1);
        expect(await storage.issuePassSeq(event.id, studentNo(1), at(1))).toBe(2);
        const old = await scan(event.id, attempt(1, { passSeq: 1 }));
        expect(old.scan.outcome.code).toBe('CHECKIN_CODE_REVOKED');
        expect(await storage.getAttendance(event.id, studentNo(1))).toBeNull();
        const current = await scan(event.id, attempt(1, { passSeq: 2 }));
        expect(current.scan.outcome.status).toBe('recorded');
      });

      it('refuses CHECKIN_NOT_OPEN before the check-in window opens and after it closes', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const early = await scan(event.id, attempt(1, { at: new Date(Date.parse(event.checkinStartAt) - 1000) }));
        expect(early.scan.outcome.code).toBe('CHECKIN_NOT_OPEN');
        const late = await scan(event.id, attempt(1, { at: new Date(Date.parse(event.checkinEndAt) + 1000) }));
        expect(late.scan.outcome.code).toBe('CHECKIN_NOT_OPEN');
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 1, checkedIn: 0, checkedOut: 0 });
        const opening = await scan(event.id, attempt(1, { at: new Date(event.checkinStartAt) }));
        expect(opening.scan.outcome.status).toBe('recorded');
      });

      it('refuses CHECKIN_EVENT_CANCELLED once the organiser has cancelled the event', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        await storage.putEvents([{ ...(await eventNow(event.id)), status: 'cancelled' }]);
        expect((await scan(event.id, attempt(1))).scan.outcome.code).toBe('CHECKIN_EVENT_CANCELLED');
      });

      it('refuses NOT_FOUND to a scan for an unknown event, and keeps nothing of it', async () => {
        await seed();
        expect(await refusalOf(scan('ev-unknown', attempt(1), { scanId: 'scan-lost' }))).toBe('NOT_FOUND');
        expect(await storage.getScan('scan-lost')).toBeNull();
        expect(await storage.attendanceCounts('ev-unknown')).toBeNull();
      });
    });

    describe('walk-ins', () => {
      it('records an unregistered student scanning the event code as a walk-in where the event allows walk-ins', async () => {
        const event = await seed({ allowWalkIns: true });
        await signUp(event.id, 1);
        const out = await scan(event.id, attempt(7, { method: 'event_code', by: 'openid-7', passSeq: null }));
        expect(out.scan.outcome.status).toBe('recorded');
        expect(out.scan.outcome.attendance).toMatchObject({ walkIn: true, checkinMethod: 'event_code', checkedInBy: 'openid-7' });
        expect(out.counts).toEqual({ registered: 1, checkedIn: 1, checkedOut: 0 });
      });

      it('refuses CHECKIN_NOT_REGISTERED to walk-ins where the event does not allow them, and to member codes always', async () => {
        const closed = await seed();
        const selfScan = await scan(closed.id, attempt(7, { method: 'event_code', by: 'openid-7', passSeq: null }));
        expect(selfScan.scan.outcome.code).toBe('CHECKIN_NOT_REGISTERED');
        await storage.putEvents([makeEvent({ id: 'ev-open', capacity: 5, allowWalkIns: true })]);
        expect((await scan('ev-open', attempt(8))).scan.outcome.code).toBe('CHECKIN_NOT_REGISTERED');
        expect(await storage.attendanceCounts(closed.id)).toEqual({ registered: 0, checkedIn: 0, checkedOut: 0 });
        expect(await storage.attendanceCounts('ev-open')).toEqual({ registered: 0, checkedIn: 0, checkedOut: 0 });
      });
    });

    describe('check-out and hours', () => {
      it('records check-out after check-in, bumps the checked-out count, and the stay gives hours', async () => {
        const event = await seed({ category: 'volunteer', checkoutRequired: true, minStayRatio: 0.6 });
        await signUp(event.id, 1, 2);
        await scan(event.id, attempt(1));
        await scan(event.id, attempt(2, { at: at(97.5) }));
        const out = await scan(event.id, attempt(1, { purpose: 'out', at: at(97.5) }));
        expect(out.scan.outcome.status).toBe('recorded');
        expect(out.counts).toEqual({ registered: 2, checkedIn: 2, checkedOut: 1 });
        const stored = await storage.getAttendance(event.id, studentNo(1));
        expect(stored).toMatchObject({ checkedInAt: DOOR.toISOString(), checkedOutAt: at(97.5).toISOString(), checkoutMethod: 'member_code' });
        expect(attendanceHours(await eventNow(event.id), stored)).toEqual({ hours: 1.5, counted: true });
        await scan(event.id, attempt(2, { purpose: 'out', at: at(98) }));
        expect(attendanceHours(await eventNow(event.id), await storage.getAttendance(event.id, studentNo(2)))).toEqual({
          hours: 0.5,
          counted: false,
        });
      });

      it('refuses CHECKIN_NOT_CHECKED_IN to a check-out before any check-in, and says "already" to a second check-out', async () => {
        const event = await seed({ category: 'volunteer', checkoutRequired: true });
        await signUp(event.id, 1);
        expect((await scan(event.id, attempt(1, { purpose: 'out', at: at(97) }))).scan.outcome.code).toBe('CHECKIN_NOT_CHECKED_IN');
        await scan(event.id, attempt(1));
        await scan(event.id, attempt(1, { purpose: 'out', at: at(97) }));
        const again = await scan(event.id, attempt(1, { purpose: 'out', at: at(97.2) }));
        expect(again.scan.outcome.status).toBe('already');
        expect(again.scan.outcome.attendance?.checkedOutAt).toBe(at(97).toISOString());
        expect(again.counts).toEqual({ registered: 1, checkedIn: 1, checkedOut: 1 });
      });

      it('accepts check-out until the check-out window closes, not after', async () => {
        const event = await seed({ category: 'volunteer', checkoutRequired: true });
        await signUp(event.id, 1, 2);
        await scan(event.id, attempt(1));
        await scan(event.id, attempt(2));
        const late = await scan(event.id, attempt(1, { purpose: 'out', at: new Date(Date.parse(event.checkoutEndAt) + 1000) }));
        expect(late.scan.outcome.code).toBe('CHECKIN_NOT_OPEN');
        const last = await scan(event.id, attempt(2, { purpose: 'out', at: new Date(event.checkoutEndAt) }));
        expect(last.scan.outcome.status).toBe('recorded');
      });
    });

    describe('corrections', () => {
      it('checks a member in by hand, counts it, and writes the audit entry in the same step', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const out = await correct(event.id, 1, 'check_in');
        expect(out.attendance).toMatchObject({ walkIn: false, checkedInAt: DOOR.toISOString(), checkedInBy: OFFICER, checkinMethod: 'manual' });
        expect(out.counts).toEqual({ registered: 1, checkedIn: 1, checkedOut: 0 });
        expect(await storage.getAttendance(event.id, studentNo(1))).toEqual(out.attendance);
        const [entry] = await storage.listAudit(10);
        expect(entry).toMatchObject({ actor: OFFICER, action: 'correctAttendance', target: `${event.id}:${studentNo(1)}` });
        expect(JSON.parse(entry.detail)).toEqual({ op: 'check_in', reason: '现场核对' });
      });

      it('checks out, undoes a check-out and undoes a check-in by hand, keeping the counts right', async () => {
        const event = await seed({ category: 'volunteer', checkoutRequired: true });
        await signUp(event.id, 1, 2);
        await scan(event.id, attempt(1));
        await scan(event.id, attempt(2));
        const out = await correct(event.id, 1, 'check_out', at(97.8));
        expect(out.attendance).toMatchObject({ checkedOutAt: at(97.8).toISOString(), checkoutMethod: 'manual' });
        expect(out.counts).toEqual({ registered: 2, checkedIn: 2, checkedOut: 1 });
        const undoOut = await correct(event.id, 1, 'undo_check_out', at(97.9));
        expect(undoOut.attendance).toMatchObject({ checkedInAt: DOOR.toISOString(), checkedOutAt: null, checkoutMethod: null });
        expect(undoOut.counts).toEqual({ registered: 2, checkedIn: 2, checkedOut: 0 });
        await correct(event.id, 1, 'check_out', at(97.95));
        const undoIn = await correct(event.id, 1, 'undo_check_in', at(98));
        expect(undoIn.attendance).toMatchObject({ checkedInAt: null, checkedOutAt: null, checkinMethod: null });
        expect(undoIn.counts).toEqual({ registered: 2, checkedIn: 1, checkedOut: 0 });
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 2, checkedIn: 1, checkedOut: 0 });
        expect((await storage.listAudit(10)).map((e) => e.action)).toEqual(Array(4).fill('correctAttendance'));
      });

      it('lets a member whose check-in was undone be scanned in again', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        await scan(event.id, attempt(1));
        await correct(event.id, 1, 'undo_check_in');
        const again = await scan(event.id, attempt(1, { at: at(96.5) }));
        expect(again.scan.outcome.status).toBe('recorded');
        expect(again.counts.checkedIn).toBe(1);
      });

      it('is not bound to the check-in window: corrections happen after the fact', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const out = await correct(event.id, 1, 'check_in', at(120));
        expect(out.attendance.checkedInAt).toBe(at(120).toISOString());
      });

      it('adds a walk-in by hand only where the event allows walk-ins', async () => {
        const closed = await seed();
        expect(await refusalOf(correct(closed.id, 7, 'check_in'))).toBe('CHECKIN_NOT_REGISTERED');
        await storage.putEvents([makeEvent({ id: 'ev-open', capacity: 5, allowWalkIns: true })]);
        const out = await correct('ev-open', 7, 'check_in');
        expect(out.attendance).toMatchObject({ walkIn: true, checkinMethod: 'manual' });
        expect(out.counts).toEqual({ registered: 0, checkedIn: 1, checkedOut: 0 });
      });

      it('throws each refusal with its code and writes nothing: no attendance, no counter, no audit entry', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2);
        await scan(event.id, attempt(1));
        const attendanceBefore = await storage.getAttendance(event.id, studentNo(1));
        const eventBefore = await eventNow(event.id);
        expect(await refusalOf(correct(event.id, 1, 'check_in'))).toBe('CORRECTION_NOT_NEEDED');
        expect(await refusalOf(correct(event.id, 1, 'undo_check_out'))).toBe('CORRECTION_NOT_NEEDED');
        expect(await refusalOf(correct(event.id, 2, 'undo_check_in'))).toBe('CORRECTION_NOT_NEEDED');
        expect(await refusalOf(correct(event.id, 2, 'check_out'))).toBe('CHECKIN_NOT_CHECKED_IN');
        expect(await refusalOf(correct('ev-unknown', 1, 'check_in'))).toBe('NOT_FOUND');
        expect(await storage.getAttendance(event.id, studentNo(1))).toEqual(attendanceBefore);
        expect(await storage.getAttendance(event.id, studentNo(2))).toBeNull();
        expect(await eventNow(event.id)).toEqual(eventBefore);
        expect(await storage.listAudit(10)).toEqual([]);
      });
    });

    describe('the attendance list', () => {
      it('lists confirmed members, walk-ins and members cancelled after they came, by student number; not the waitlisted or cancelled ones', async () => {
        const event = await seed({ allowWalkIns: true });
        await signUp(event.id, 1, 2, 3, 5, 6);
        // 6 came (checked in by hand early), then cancelled; 5 cancelled without coming.
        await correct(event.id, 6, 'check_in', at(0.5));
        await storage.cancel(event.id, studentNo(5), at(1));
        await storage.cancel(event.id, studentNo(6), at(1));
        await signUp(event.id, 8, 9, 4); // 8 and 9 take the freed seats; 4 waits.
        expect((await storage.getRegistration(event.id, studentNo(4)))?.status).toBe('waitlisted');
        await scan(event.id, attempt(1));
        await scan(event.id, attempt(7, { method: 'event_code', by: 'openid-7', passSeq: null }));
        await scan(event.id, attempt(4));
        const rows = await storage.listEventAttendance(event.id);
        expect(rows.map((r) => r.student.studentNo)).toEqual([1, 2, 3, 6, 7, 8, 9].map(studentNo));
        const byNo = new Map(rows.map((r) => [r.student.studentNo, r]));
        expect(byNo.get(studentNo(1))).toMatchObject({
          student: { studentNo: studentNo(1), name: '学生1', className: '计科2401', branch: '计科2401团支部' },
          registration: { status: 'confirmed', passSeq: 0 },
          attendance: { checkedInAt: DOOR.toISOString(), walkIn: false },
        });
        expect(byNo.get(studentNo(2))).toMatchObject({ registration: { status: 'confirmed' }, attendance: null });
        expect(byNo.get(studentNo(6))).toMatchObject({ registration: { status: 'cancelled' }, attendance: { checkedInAt: at(0.5).toISOString() } });
        expect(byNo.get(studentNo(7))).toMatchObject({ registration: null, attendance: { walkIn: true } });
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 5, checkedIn: 3, checkedOut: 0 });
      });

      it('drops a walk-in whose check-in was undone, and answers an empty list for an unknown event', async () => {
        const event = await seed({ allowWalkIns: true });
        await signUp(event.id, 1);
        await correct(event.id, 7, 'check_in');
        await correct(event.id, 7, 'undo_check_in');
        expect((await storage.listEventAttendance(event.id)).map((r) => r.student.studentNo)).toEqual([studentNo(1)]);
        expect(await storage.listEventAttendance('ev-unknown')).toEqual([]);
      });

      it('carries each registration\'s pass number', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2);
        await storage.issuePassSeq(event.id, studentNo(2), NOW);
        const rows = await storage.listEventAttendance(event.id);
        expect(rows.map((r) => r.registration?.passSeq)).toEqual([0, 1]);
      });
    });

    describe('passes', () => {
      it('numbers the passes of a confirmed registration 1, 2, 3 and keeps the number on the registration', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2);
        expect(await storage.issuePassSeq(event.id, studentNo(1), NOW)).toBe(1);
        expect(await storage.issuePassSeq(event.id, studentNo(1), NOW)).toBe(2);
        expect(await storage.issuePassSeq(event.id, studentNo(1), NOW)).toBe(3);
        expect((await storage.getRegistration(event.id, studentNo(1)))?.passSeq).toBe(3);
        expect((await storage.getRegistration(event.id, studentNo(2)))?.passSeq).toBe(0);
        expect((await storage.getRegistration(event.id, studentNo(1)))?.status).toBe('confirmed');
      });

      it('refuses NOT_SIGNED_UP to a student without a registration, waitlisted, or cancelled', async () => {
        const event = await seed({ capacity: 1 });
        await signUp(event.id, 1, 2, 3);
        await storage.cancel(event.id, studentNo(3), at(1));
        expect(await refusalOf(storage.issuePassSeq(event.id, studentNo(2), NOW))).toBe('NOT_SIGNED_UP');
        expect(await refusalOf(storage.issuePassSeq(event.id, studentNo(3), NOW))).toBe('NOT_SIGNED_UP');
        expect(await refusalOf(storage.issuePassSeq(event.id, studentNo(4), NOW))).toBe('NOT_SIGNED_UP');
        expect(await refusalOf(storage.issuePassSeq('ev-unknown', studentNo(1), NOW))).toBe('NOT_SIGNED_UP');
        expect((await storage.getRegistration(event.id, studentNo(2)))?.passSeq).toBe(0);
      });

      it('keeps the pass number of a cancelled registration, so signing up again never reissues an old number', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        await storage.issuePassSeq(event.id, studentNo(1), NOW);
        await storage.issuePassSeq(event.id, studentNo(1), NOW);
        await storage.cancel(event.id, studentNo(1), at(1));
        expect(await storage.getRegistration(event.id, studentNo(1))).toMatchObject({ status: 'cancelled', passSeq: 2 });
        const again = await storage.signUp(event.id, studentNo(1), at(2));
        expect(again.registration.passSeq).toBe(2);
        expect(await storage.getRegistration(event.id, studentNo(1))).toEqual(again.registration);
        expect(await storage.issuePassSeq(event.id, studentNo(1), at(2))).toBe(3);
      });

      it('hands out distinct numbers to simultaneous issues', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const seqs = await Promise.all(Array.from({ length: 5 }, () => storage.issuePassSeq(event.id, studentNo(1), NOW)));
        expect([...seqs].sort()).toEqual([1, 2, 3, 4, 5]);
      });
    });

    describe('check-in staff', () => {
      it('adds and removes staff idempotently, keeps them on the event, and audits each change once', async () => {
        const event = await seed();
        expect(await storage.setEventStaff(event.id, 'openid-a', true, audit('setCheckinStaff', 'openid-a'))).toEqual(['openid-a']);
        expect(await storage.setEventStaff(event.id, 'openid-a', true, audit('setCheckinStaff', 'openid-a'))).toEqual(['openid-a']);
        expect(await storage.setEventStaff(event.id, 'openid-b', true, audit('setCheckinStaff', 'openid-b'))).toEqual(['openid-a', 'openid-b']);
        expect((await eventNow(event.id)).staffOpenids).toEqual(['openid-a', 'openid-b']);
        expect(await storage.setEventStaff(event.id, 'openid-a', false, audit('setCheckinStaff', 'openid-a'))).toEqual(['openid-b']);
        expect(await storage.setEventStaff(event.id, 'openid-a', false, audit('setCheckinStaff', 'openid-a'))).toEqual(['openid-b']);
        expect((await eventNow(event.id)).staffOpenids).toEqual(['openid-b']);
        expect((await storage.listAudit(10)).map((e) => e.target)).toEqual(['openid-a', 'openid-b', 'openid-a']);
      });

      it('refuses NOT_FOUND for an unknown event', async () => {
        expect(await refusalOf(storage.setEventStaff('ev-unknown', 'openid-a', true, audit('setCheckinStaff', 'openid-a')))).toBe('NOT_FOUND');
        expect(await storage.listAudit(10)).toEqual([]);
      });

      it('keeps staff, counters and attendance when the organiser edits the event (put again as read)', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        await scan(event.id, attempt(1));
        await storage.setEventStaff(event.id, 'openid-a', true, audit('setCheckinStaff', 'openid-a'));
        await storage.putEvents([{ ...(await eventNow(event.id)), title: '改过的标题' }]);
        expect(await eventNow(event.id)).toMatchObject({ title: '改过的标题', staffOpenids: ['openid-a'], checkedInCount: 1 });
        expect(await storage.getAttendance(event.id, studentNo(1))).not.toBeNull();
      });
    });

    describe('events', () => {
      it('reads back every check-in field of an event exactly as it was put', async () => {
        const event = makeEvent({
          id: 'ev-full',
          category: 'volunteer',
          checkinStartAt: at(95).toISOString(),
          checkinEndAt: at(97).toISOString(),
          checkoutEndAt: at(100).toISOString(),
          checkoutRequired: true,
          minStayRatio: 0.75,
          allowWalkIns: true,
          hostKind: 'branch',
          hostUnit: '23级护理1班团支部',
          hostCollege: '医学院',
          staffOpenids: ['openid-x', 'openid-y'],
          geofence: { lat: 30.2741234, lng: 120.1551987, radiusM: 250 },
          checkedInCount: 4,
          checkedOutCount: 2,
        });
        await storage.putEvents([event, makeEvent({ id: 'ev-plain' })]);
        expect(await storage.getEvent('ev-full')).toEqual(event);
        expect(await storage.getEvent('ev-plain')).toEqual(makeEvent({ id: 'ev-plain' }));
        expect((await storage.listEvents({})).find((e) => e.id === 'ev-full')).toEqual(event);
      });

      it('answers null counts for an unknown event and zero counts for a fresh one', async () => {
        const event = await seed();
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 0, checkedIn: 0, checkedOut: 0 });
        expect(await storage.attendanceCounts('ev-unknown')).toBeNull();
        expect(await storage.getAttendance(event.id, studentNo(1))).toBeNull();
        expect(await storage.getScan('scan-unknown')).toBeNull();
      });
    });

    describe('concurrency', () => {
      it('counts 30 members scanned at once by several officers exactly once each', async () => {
        const event = await seed({ capacity: 30 }, 30);
        await signUp(event.id, ...Array.from({ length: 30 }, (_, k) => k + 1));
        const outs = await Promise.all(
          Array.from({ length: 30 }, (_, k) => scan(event.id, attempt(k + 1, { by: `openid-officer-${k % 4}` }))),
        );
        expect(outs.every((o) => o.scan.outcome.status === 'recorded')).toBe(true);
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 30, checkedIn: 30, checkedOut: 0 });
        expect(await storage.listEventAttendance(event.id)).toHaveLength(30);
      });

      it('records one member scanned by four officers at the same moment once: one recorded, three already', async () => {
        const event = await seed();
        await signUp(event.id, 1);
        const outs = await Promise.all([0, 1, 2, 3].map((k) => scan(event.id, attempt(1, { by: `openid-officer-${k}` }))));
        expect(outs.map((o) => o.scan.outcome.status).sort()).toEqual(['already', 'already', 'already', 'recorded']);
        expect((await storage.attendanceCounts(event.id))?.checkedIn).toBe(1);
      });

      it('applies a batch uploaded twice at once only once', async () => {
        const event = await seed();
        await signUp(event.id, 1, 2, 3);
        const batch = [1, 2, 3].map((i) => ({ scanId: `offline-${i}`, a: attempt(i, { at: at(96 + i / 100) }) }));
        const upload = () => Promise.all(batch.map((b) => scan(event.id, b.a, { scanId: b.scanId, offline: true, now: at(97) })));
        const [first, second] = await Promise.all([upload(), upload()]);
        const all = [...first, ...second];
        expect(all.filter((o) => !o.duplicate)).toHaveLength(3);
        expect(all.filter((o) => o.duplicate)).toHaveLength(3);
        expect(all.every((o) => o.scan.outcome.status === 'recorded')).toBe(true);
        expect(await storage.attendanceCounts(event.id)).toEqual({ registered: 3, checkedIn: 3, checkedOut: 0 });
      });
    });

    const scanCost = (opCount: () => number, reset: () => void) => async (eventId: string, i: number) => {
      reset();
      await scan(eventId, attempt(i));
      return opCount();
    };

    it('costs a scan the same number of database operations however many members the event has', async () => {
      if (!harness.opCount || !harness.resetOpCount) return; // only adapters that count their operations
      const cost = scanCost(harness.opCount, harness.resetOpCount);
      const small = await seed({ id: 'ev-small', capacity: 40 }, 40);
      await signUp(small.id, 1, 2);
      await storage.putEvents([makeEvent({ id: 'ev-big', capacity: 40 })]);
      await signUp('ev-big', ...Array.from({ length: 40 }, (_, k) => k + 1));
      expect(await cost('ev-big', 1)).toBe(await cost(small.id, 1));
    });
  });
}
