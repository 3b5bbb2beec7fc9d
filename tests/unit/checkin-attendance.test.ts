import * as fc from 'fast-check';
import {
  attendanceHours,
  decideCorrection,
  decideScan,
  defaultCheckinSettings,
  distanceMeters,
  mayAssignStaff,
  mayRunCheckin,
  type AttendanceRecord,
  type CheckinMethod,
  type CheckinRules,
  type CorrectionOp,
  type EventHost,
  type RegistrationState,
  type ScanAttempt,
} from '../../core/checkin';
import { CATEGORIES } from '../../types';

/* Attendance rules: what a scan or a correction does to one member's attendance of one event. */

const START = '2026-03-06T11:00:00.000Z';
const END = '2026-03-06T13:00:00.000Z';
const t = (minutesFromStart: number) => new Date(Date.parse(START) + minutesFromStart * 60_000);
/** The moment the server handles the scan: a little after any scan below. */
const NOW = t(200);

function makeRules(overrides: Partial<CheckinRules> = {}): CheckinRules {
  return { id: 'ev-lecture', status: 'published', startAt: START, endAt: END, ...defaultCheckinSettings(START, END, 'lecture'), ...overrides };
}
const confirmed = (passSeq = 1): RegistrationState => ({ status: 'confirmed', passSeq });
function makeScan(overrides: Partial<ScanAttempt> = {}): ScanAttempt {
  return { studentNo: '2024000001', purpose: 'in', at: t(-10), by: 'officer-openid', method: 'member_code', passSeq: 1, ...overrides };
}
function checkedIn(at = t(-10), overrides: Partial<AttendanceRecord> = {}): AttendanceRecord {
  return {
    eventId: 'ev-lecture', studentNo: '2024000001', walkIn: false, checkedInAt: at.toISOString(), checkedInBy: 'officer-openid',
    checkinMethod: 'member_code', checkedOutAt: null, checkedOutBy: null, checkoutMethod: null, updatedAt: at.toISOString(), ...overrides,
  };
}
const checkedOut = (inAt = t(-10), outAt = t(130)) =>
  checkedIn(inAt, { checkedOutAt: outAt.toISOString(), checkedOutBy: 'officer-openid', checkoutMethod: 'member_code' });

describe('decideScan: check-in', () => {
  it('records the check-in of a confirmed member at the scan\'s own time, by whom and how', () => {
    const decision = decideScan(makeRules(), confirmed(), null, makeScan(), NOW);
    expect(decision).toEqual({
      kind: 'record',
      attendance: {
        eventId: 'ev-lecture', studentNo: '2024000001', walkIn: false, checkedInAt: t(-10).toISOString(), checkedInBy: 'officer-openid',
        checkinMethod: 'member_code', checkedOutAt: null, checkedOutBy: null, checkoutMethod: null, updatedAt: NOW.toISOString(),
      },
      delta: { checkedIn: 1, checkedOut: 0 },
    });
  });

  it('answers already (with the first check-in) for a second scan, even outside the window or after a cancellation', () => {
    const onRecord = checkedIn(t(-20));
    for (const registration of [confirmed(), { status: 'cancelled', passSeq: 1 } as const, null]) {
      for (const at of [t(-10), t(500)]) {
        expect(decideScan(makeRules(), registration, onRecord, makeScan({ at }), NOW)).toEqual({ kind: 'already', attendance: onRecord });
      }
    }
  });

  it('refuses every scan of a cancelled event, before anything else', () => {
    const rules = makeRules({ status: 'cancelled' });
    expect(decideScan(rules, confirmed(), null, makeScan(), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_EVENT_CANCELLED' });
    expect(decideScan(rules, confirmed(), checkedIn(), makeScan(), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_EVENT_CANCELLED' });
    expect(decideScan(rules, confirmed(), checkedIn(), makeScan({ purpose: 'out', at: t(100) }), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_EVENT_CANCELLED' });
  });

  it('refuses a member code of someone not registered, waitlisted, or whose registration was cancelled', () => {
    const refuse = (registration: RegistrationState | null, allowWalkIns = false) => decideScan(makeRules({ allowWalkIns }), registration, null, makeScan(), NOW);
    for (const allowWalkIns of [false, true]) {
      expect(refuse(null, allowWalkIns)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_REGISTERED' });
      expect(refuse({ status: 'waitlisted', passSeq: 0 }, allowWalkIns)).toEqual({ kind: 'refuse', code: 'CHECKIN_WAITLISTED' });
      expect(refuse({ status: 'cancelled', passSeq: 1 }, allowWalkIns)).toEqual({ kind: 'refuse', code: 'CHECKIN_REGISTRATION_CANCELLED' });
    }
  });

  it('refuses an event-code scan by someone without a seat unless the event takes walk-ins', () => {
    const scan = makeScan({ method: 'event_code', passSeq: null, by: '2024000001' });
    expect(decideScan(makeRules(), null, null, scan, NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_REGISTERED' });
    expect(decideScan(makeRules(), { status: 'waitlisted', passSeq: 0 }, null, scan, NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_WAITLISTED' });
  });

  it('records a walk-in from an event-code scan where walk-ins are allowed, waitlisted and cancelled ones included', () => {
    const scan = makeScan({ method: 'event_code', passSeq: null, by: '2024000001' });
    for (const registration of [null, { status: 'waitlisted', passSeq: 0 } as const, { status: 'cancelled', passSeq: 1 } as const]) {
      const decision = decideScan(makeRules({ allowWalkIns: true }), registration, null, scan, NOW);
      expect(decision.kind).toBe('record');
      if (decision.kind === 'record') {
        expect(decision.attendance).toMatchObject({ walkIn: true, checkinMethod: 'event_code', checkedInBy: '2024000001' });
        expect(decision.delta).toEqual({ checkedIn: 1, checkedOut: 0 });
      }
    }
  });

  it('refuses a member code whose pass was replaced by a newer one (revoked), and accepts the current pass', () => {
    expect(decideScan(makeRules(), confirmed(3), null, makeScan({ passSeq: 2 }), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_CODE_REVOKED' });
    expect(decideScan(makeRules(), confirmed(3), null, makeScan({ passSeq: 3 }), NOW).kind).toBe('record');
    // Event codes and manual entries carry no pass.
    expect(decideScan(makeRules(), confirmed(3), null, makeScan({ passSeq: null, method: 'event_code' }), NOW).kind).toBe('record');
  });

  it('accepts check-in from the window\'s opening to its closing instant, judged by the scan\'s time, and refuses outside', () => {
    const rules = makeRules();
    const kind = (at: Date) => decideScan(rules, confirmed(), null, makeScan({ at }), NOW);
    expect(kind(new Date(Date.parse(rules.checkinStartAt) - 1))).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_OPEN' });
    expect(kind(new Date(rules.checkinStartAt)).kind).toBe('record');
    expect(kind(new Date(rules.checkinEndAt)).kind).toBe('record');
    expect(kind(new Date(Date.parse(rules.checkinEndAt) + 1))).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_OPEN' });
    // An offline scan inside the window uploaded long after it closed still counts: the scan's time decides.
    expect(decideScan(rules, confirmed(), null, makeScan({ at: t(30) }), t(60 * 24)).kind).toBe('record');
  });

  it('never records a check-in outside the window, whoever scans and however', () => {
    const rules = makeRules({ allowWalkIns: true });
    const open = Date.parse(rules.checkinStartAt);
    const close = Date.parse(rules.checkinEndAt);
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: open - 86_400_000, max: open - 1 }), fc.integer({ min: close + 1, max: close + 86_400_000 })),
        fc.constantFrom<CheckinMethod>('member_code', 'event_code', 'manual'),
        fc.constantFrom<RegistrationState | null>(null, confirmed(), { status: 'waitlisted', passSeq: 0 }),
        (at, method, registration) => {
          const decision = decideScan(rules, registration, null, makeScan({ at: new Date(at), method, passSeq: method === 'member_code' ? 1 : null }), NOW);
          expect(decision.kind).toBe('refuse');
        },
      ),
    );
  });
});

describe('decideScan: check-out', () => {
  const out = (overrides: Partial<ScanAttempt> = {}) => makeScan({ purpose: 'out', at: t(125), ...overrides });

  it('records the check-out of someone checked in', () => {
    const decision = decideScan(makeRules(), confirmed(), checkedIn(), out(), NOW);
    expect(decision).toEqual({
      kind: 'record',
      attendance: { ...checkedIn(), checkedOutAt: t(125).toISOString(), checkedOutBy: 'officer-openid', checkoutMethod: 'member_code', updatedAt: NOW.toISOString() },
      delta: { checkedIn: 0, checkedOut: 1 },
    });
  });

  it('refuses to check out someone not checked in', () => {
    expect(decideScan(makeRules(), confirmed(), null, out(), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_CHECKED_IN' });
  });

  it('answers already for a second check-out', () => {
    const onRecord = checkedOut();
    expect(decideScan(makeRules(), confirmed(), onRecord, out({ at: t(140) }), NOW)).toEqual({ kind: 'already', attendance: onRecord });
  });

  it('refuses a revoked pass at check-out too', () => {
    expect(decideScan(makeRules(), confirmed(2), checkedIn(), out({ passSeq: 1 }), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_CODE_REVOKED' });
  });

  it('accepts check-out until the check-out window closes, never before the check-in or the window\'s opening', () => {
    const rules = makeRules();
    expect(decideScan(rules, confirmed(), checkedIn(), out({ at: new Date(rules.checkoutEndAt) }), NOW).kind).toBe('record');
    expect(decideScan(rules, confirmed(), checkedIn(), out({ at: new Date(Date.parse(rules.checkoutEndAt) + 1) }), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_OPEN' });
    expect(decideScan(rules, confirmed(), checkedIn(t(0)), out({ at: t(-1) }), NOW)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_OPEN' });
    expect(decideScan(rules, confirmed(), checkedIn(t(0)), out({ at: t(0) }), NOW).kind).toBe('record');
  });
});

describe('decideCorrection', () => {
  const correct = (op: CorrectionOp, attendance: AttendanceRecord | null, registration: RegistrationState | null = confirmed(), rules = makeRules(), at = t(20)) =>
    decideCorrection(rules, registration, attendance, { op, studentNo: '2024000001', at, by: 'officer-openid' }, NOW);

  it('checks a member in by hand at the given time, outside the scanning window too', () => {
    const decision = correct('check_in', null, confirmed(), makeRules(), t(60 * 24));
    expect(decision).toEqual({
      kind: 'record',
      attendance: {
        eventId: 'ev-lecture', studentNo: '2024000001', walkIn: false, checkedInAt: t(60 * 24).toISOString(), checkedInBy: 'officer-openid',
        checkinMethod: 'manual', checkedOutAt: null, checkedOutBy: null, checkoutMethod: null, updatedAt: NOW.toISOString(),
      },
      delta: { checkedIn: 1, checkedOut: 0 },
    });
  });

  it('refuses a hand check-in of someone already in, and of someone without a seat unless walk-ins are allowed', () => {
    expect(correct('check_in', checkedIn())).toEqual({ kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' });
    expect(correct('check_in', null, null)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_REGISTERED' });
    expect(correct('check_in', null, { status: 'cancelled', passSeq: 1 })).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_REGISTERED' });
    const walkIn = correct('check_in', null, null, makeRules({ allowWalkIns: true }));
    expect(walkIn.kind === 'record' && walkIn.attendance.walkIn).toBe(true);
  });

  it('checks out by hand, never earlier than the check-in', () => {
    const decision = correct('check_out', checkedIn(t(10)), confirmed(), makeRules(), t(100));
    expect(decision).toMatchObject({ kind: 'record', attendance: { checkedOutAt: t(100).toISOString(), checkoutMethod: 'manual' }, delta: { checkedIn: 0, checkedOut: 1 } });
    const early = correct('check_out', checkedIn(t(10)), confirmed(), makeRules(), t(5));
    expect(early.kind === 'record' && early.attendance.checkedOutAt).toBe(t(10).toISOString());
  });

  it('refuses a hand check-out of someone not in, or already out', () => {
    expect(correct('check_out', null)).toEqual({ kind: 'refuse', code: 'CHECKIN_NOT_CHECKED_IN' });
    expect(correct('check_out', checkedOut())).toEqual({ kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' });
  });

  it('undoes a wrong check-in, its check-out with it, taking both counts back', () => {
    expect(correct('undo_check_in', checkedIn())).toMatchObject({ kind: 'record', attendance: { checkedInAt: null, checkedOutAt: null }, delta: { checkedIn: -1, checkedOut: 0 } });
    const both = correct('undo_check_in', checkedOut());
    expect(both).toMatchObject({
      kind: 'record',
      attendance: { checkedInAt: null, checkedInBy: null, checkinMethod: null, checkedOutAt: null, checkedOutBy: null, checkoutMethod: null, updatedAt: NOW.toISOString() },
      delta: { checkedIn: -1, checkedOut: -1 },
    });
    expect(correct('undo_check_in', null)).toEqual({ kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' });
  });

  it('undoes a check-out only', () => {
    expect(correct('undo_check_out', checkedOut())).toEqual({
      kind: 'record',
      attendance: { ...checkedIn(), updatedAt: NOW.toISOString() },
      delta: { checkedIn: 0, checkedOut: -1 },
    });
    expect(correct('undo_check_out', checkedIn())).toEqual({ kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' });
    expect(correct('undo_check_out', null)).toEqual({ kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' });
  });
});

describe('counts under any sequence of scans and corrections', () => {
  const MEMBERS = ['S1', 'S2', 'S3', 'S4', 'S5'];
  const rules = (allowWalkIns: boolean) => makeRules({ allowWalkIns, checkoutRequired: true });
  const registration = fc.constantFrom<RegistrationState | null>(null, confirmed(1), confirmed(2), { status: 'waitlisted', passSeq: 0 }, { status: 'cancelled', passSeq: 1 });
  const time = fc.integer({ min: -60, max: 200 }).map(t);
  const step = fc.oneof(
    fc.record({
      type: fc.constant('scan' as const),
      member: fc.constantFrom(...MEMBERS),
      purpose: fc.constantFrom('in' as const, 'out' as const),
      method: fc.constantFrom<CheckinMethod>('member_code', 'event_code', 'manual'),
      passSeq: fc.constantFrom(1, 2),
      at: time,
    }),
    fc.record({ type: fc.constant('correct' as const), member: fc.constantFrom(...MEMBERS), op: fc.constantFrom<CorrectionOp>('check_in', 'check_out', 'undo_check_in', 'undo_check_out'), at: time }),
  );

  it('keeps the checked-in and checked-out counts equal to the records: never negative, never doubled', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(registration, { minLength: MEMBERS.length, maxLength: MEMBERS.length }), fc.array(step, { maxLength: 80 }), (walkIns, regs, steps) => {
        const event = rules(walkIns);
        const attendance = new Map<string, AttendanceRecord>();
        const counts = { checkedIn: 0, checkedOut: 0 };
        for (const s of steps) {
          const reg = regs[MEMBERS.indexOf(s.member)];
          const current = attendance.get(s.member) ?? null;
          const decision =
            s.type === 'scan'
              ? decideScan(event, reg, current, { studentNo: s.member, purpose: s.purpose, at: s.at, by: 'o', method: s.method, passSeq: s.method === 'member_code' ? s.passSeq : null }, NOW)
              : decideCorrection(event, reg, current, { op: s.op, studentNo: s.member, at: s.at, by: 'o' }, NOW);
          if (decision.kind === 'already') expect(decision.attendance).toBe(current);
          if (decision.kind !== 'record') continue;
          expect(decision.attendance).toMatchObject({ eventId: event.id, studentNo: s.member });
          attendance.set(s.member, decision.attendance);
          counts.checkedIn += decision.delta.checkedIn;
          counts.checkedOut += decision.delta.checkedOut;
          const records = [...attendance.values()];
          expect(counts.checkedIn).toBe(records.filter((a) => a.checkedInAt).length);
          expect(counts.checkedOut).toBe(records.filter((a) => a.checkedOutAt).length);
          expect(counts.checkedOut).toBeLessThanOrEqual(counts.checkedIn);
          expect(counts.checkedOut).toBeGreaterThanOrEqual(0);
          for (const a of records) {
            if (a.checkedOutAt) expect(a.checkedInAt && Date.parse(a.checkedOutAt) >= Date.parse(a.checkedInAt)).toBe(true);
            if (a.checkedInAt && a.walkIn) expect(walkIns).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('records at most one check-in however often the same member is scanned, and answers the first one after', () => {
    fc.assert(
      fc.property(
        registration,
        fc.boolean(),
        fc.array(fc.record({ at: time, method: fc.constantFrom<CheckinMethod>('member_code', 'event_code', 'manual') }), { minLength: 1, maxLength: 30 }),
        (reg, walkIns, scans) => {
          let current: AttendanceRecord | null = null;
          let recorded = 0;
          for (const s of scans) {
            const decision = decideScan(rules(walkIns), reg, current, makeScan({ at: s.at, method: s.method, passSeq: s.method === 'member_code' ? 2 : null }), NOW);
            if (decision.kind === 'record') {
              recorded += decision.delta.checkedIn;
              current = decision.attendance;
            }
            if (decision.kind === 'already') expect(decision.attendance.checkedInAt).toBe(current?.checkedInAt);
            if (current) expect(decision.kind).not.toBe('refuse');
          }
          expect(recorded).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('attendanceHours', () => {
  const volunteering = { startAt: START, endAt: END, checkoutRequired: true, minStayRatio: 0.6 };
  const stay = (inAt: Date | null, outAt: Date | null) => ({ checkedInAt: inAt?.toISOString() ?? null, checkedOutAt: outAt?.toISOString() ?? null });

  it('counts the stay inside the event, in hours rounded down to a tenth', () => {
    expect(attendanceHours(volunteering, stay(t(0), t(120)))).toEqual({ hours: 2, counted: true });
    expect(attendanceHours(volunteering, stay(t(-30), t(180)))).toEqual({ hours: 2, counted: true });
    expect(attendanceHours(volunteering, stay(t(0), t(95.99)))).toEqual({ hours: 1.5, counted: true });
    expect(attendanceHours(volunteering, stay(t(0), t(96)))).toEqual({ hours: 1.6, counted: true });
  });

  it('counts hours only when the stay covers the organiser\'s share of the event', () => {
    expect(attendanceHours(volunteering, stay(t(0), t(72)))).toEqual({ hours: 1.2, counted: true });
    expect(attendanceHours(volunteering, stay(t(0), new Date(t(72).getTime() - 1000)))).toEqual({ hours: 1.1, counted: false });
    expect(attendanceHours({ ...volunteering, minStayRatio: 1 }, stay(t(-5), t(125)))).toEqual({ hours: 2, counted: true });
    expect(attendanceHours({ ...volunteering, minStayRatio: 1 }, stay(t(1), t(125)))).toMatchObject({ counted: false });
  });

  it('gives nothing without check-out, for events that record no hours, or for a stay outside the event', () => {
    expect(attendanceHours(volunteering, stay(t(0), null))).toEqual({ hours: 0, counted: false });
    expect(attendanceHours(volunteering, null)).toEqual({ hours: 0, counted: false });
    expect(attendanceHours({ ...volunteering, checkoutRequired: false }, stay(t(0), t(120)))).toEqual({ hours: 0, counted: false });
    expect(attendanceHours(volunteering, stay(t(130), t(150)))).toEqual({ hours: 0, counted: false });
    expect(attendanceHours(volunteering, stay(t(-50), t(-10)))).toEqual({ hours: 0, counted: false });
  });

  it('never exceeds the event\'s length nor goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 400 }), fc.integer({ min: 0, max: 700 }), (inMin, lengthMin) => {
        const { hours, counted } = attendanceHours(volunteering, stay(t(inMin), t(inMin + lengthMin)));
        expect(hours).toBeGreaterThanOrEqual(0);
        expect(hours).toBeLessThanOrEqual(2);
        if (counted) expect(hours).toBeGreaterThanOrEqual(1.2);
      }),
    );
  });
});

describe('defaultCheckinSettings', () => {
  it('opens check-in 30 minutes before the start, closes it at the end, and check-out an hour after', () => {
    expect(defaultCheckinSettings(START, END, 'lecture')).toEqual({
      checkinStartAt: t(-30).toISOString(),
      checkinEndAt: END,
      checkoutEndAt: t(180).toISOString(),
      checkoutRequired: false,
      minStayRatio: 0.6,
      allowWalkIns: false,
    });
  });

  it('requires check-out (hours) for volunteering and first-aid training only', () => {
    const required = CATEGORIES.filter((c) => defaultCheckinSettings(START, END, c).checkoutRequired);
    expect(required.sort()).toEqual(['firstaid', 'volunteer']);
  });
});

describe('mayRunCheckin', () => {
  const host = (overrides: Partial<EventHost> = {}): EventHost => ({ hostKind: 'branch', hostUnit: '24级软件技术1班团支部', hostCollege: '信息技术学院', staffOpenids: [], ...overrides });
  const grant = (role: 'branch_officer' | 'college_officer' | 'committee_admin', scope = '') => ({ role, scope });

  it('lets the committee scan for every event', () => {
    for (const hostKind of ['committee', 'college', 'branch'] as const) {
      expect(mayRunCheckin([grant('committee_admin')], 'x', host({ hostKind }))).toBe(true);
    }
  });

  it('lets a college\'s officers scan for their college\'s events and its branches\', not another college\'s or the committee\'s', () => {
    const officer = [grant('college_officer', '信息技术学院')];
    expect(mayRunCheckin(officer, 'x', host())).toBe(true);
    expect(mayRunCheckin(officer, 'x', host({ hostKind: 'college', hostUnit: '信息技术学院' }))).toBe(true);
    expect(mayRunCheckin(officer, 'x', host({ hostCollege: '医学院', hostUnit: '护理1班团支部' }))).toBe(false);
    expect(mayRunCheckin(officer, 'x', host({ hostKind: 'committee', hostUnit: '', hostCollege: '' }))).toBe(false);
    expect(mayRunCheckin([grant('college_officer', '')], 'x', host({ hostKind: 'committee', hostUnit: '', hostCollege: '' }))).toBe(false);
  });

  it('lets a branch\'s officers scan for their own branch\'s events only', () => {
    const officer = [grant('branch_officer', '24级软件技术1班团支部')];
    expect(mayRunCheckin(officer, 'x', host())).toBe(true);
    expect(mayRunCheckin(officer, 'x', host({ hostUnit: '24级软件技术2班团支部' }))).toBe(false);
    expect(mayRunCheckin(officer, 'x', host({ hostKind: 'college', hostUnit: '24级软件技术1班团支部' }))).toBe(false);
    expect(mayRunCheckin([grant('branch_officer', '')], 'x', host({ hostKind: 'committee', hostUnit: '', hostCollege: '' }))).toBe(false);
  });

  it('lets anyone the organiser assigned scan, with no role at all, and nobody else', () => {
    const event = host({ hostKind: 'committee', hostUnit: '', hostCollege: '', staffOpenids: ['staff-1'] });
    expect(mayRunCheckin([], 'staff-1', event)).toBe(true);
    expect(mayRunCheckin([], 'staff-2', event)).toBe(false);
    expect(mayRunCheckin([], null, event)).toBe(false);
  });

  it('lets only the organiser\'s own officers and the committee assign staff; being staff is not enough', () => {
    const event = host({ staffOpenids: ['staff-1'] });
    expect(mayAssignStaff([grant('branch_officer', '24级软件技术1班团支部')], event)).toBe(true);
    expect(mayAssignStaff([grant('college_officer', '信息技术学院')], event)).toBe(true);
    expect(mayAssignStaff([grant('committee_admin')], event)).toBe(true);
    expect(mayAssignStaff([], event)).toBe(false);
    expect(mayAssignStaff([grant('branch_officer', '24级软件技术2班团支部')], event)).toBe(false);
  });
});

describe('distanceMeters', () => {
  const venue = { lat: 30.5, lng: 114.3 };

  it('measures a degree of latitude as about 111.2 km and a point as 0', () => {
    expect(distanceMeters(venue, venue)).toBe(0);
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, 0);
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6_371_000, 0);
  });

  it('tells 100 m from 200 m near the venue', () => {
    const north = (m: number) => ({ lat: venue.lat + m / 111_195, lng: venue.lng });
    expect(distanceMeters(venue, north(100))).toBeCloseTo(100, 0);
    expect(distanceMeters(venue, north(200))).toBeCloseTo(200, 0);
    // East-west: a degree of longitude shrinks with cos(latitude).
    expect(distanceMeters(venue, { lat: venue.lat, lng: venue.lng + 0.001 })).toBeCloseTo(111_195 * 0.001 * Math.cos((venue.lat * Math.PI) / 180), 0);
  });

  it('is symmetric, never negative, at most half the globe, and obeys the triangle inequality', () => {
    const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const ab = distanceMeters(a, b);
        expect(ab).toBeCloseTo(distanceMeters(b, a), 3);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(Math.PI * 6_371_000 + 1e-6);
        // Floating point near antipodal points costs a few millimetres over 20,000 km: a centimetre of slack.
        expect(ab).toBeLessThanOrEqual(distanceMeters(a, c) + distanceMeters(c, b) + 1e-2);
      }),
    );
  });
});
