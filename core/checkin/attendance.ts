import type { CheckinPurpose } from './member-code';

/**
 * Attendance rules: what a scan or an officer's correction does to one member's attendance of one event. Pure; the
 * storage adapters call these inside their transaction with what they read, and apply the decision there.
 */
export type CheckinMethod = 'member_code' | 'event_code' | 'manual';

/** One member's attendance of one event (walk-ins included). Keyed by (eventId, studentNo). */
export interface AttendanceRecord {
  eventId: string;
  studentNo: string;
  /** Came without a confirmed registration (only where the event allows walk-ins). */
  walkIn: boolean;
  checkedInAt: string | null;
  /** Account (openid) that checked the member in; the student's own for event-code scans. */
  checkedInBy: string | null;
  checkinMethod: CheckinMethod | null;
  checkedOutAt: string | null;
  checkedOutBy: string | null;
  checkoutMethod: CheckinMethod | null;
  updatedAt: string;
}

/** What the check-in rules read of an event. */
export interface CheckinRules {
  id: string;
  status: 'draft' | 'published' | 'closed' | 'cancelled';
  startAt: string;
  endAt: string;
  /** Check-in is accepted from checkinStartAt until checkinEndAt; check-out until checkoutEndAt. */
  checkinStartAt: string;
  checkinEndAt: string;
  checkoutEndAt: string;
  /** Volunteering and training: hours come from check-in to check-out. */
  checkoutRequired: boolean;
  /** Share of the event a stay must cover for its hours to count (0–1). */
  minStayRatio: number;
  allowWalkIns: boolean;
}

/** The registration facts a scan needs. */
export interface RegistrationState {
  status: 'confirmed' | 'waitlisted' | 'pending' | 'queued' | 'applied' | 'cancelled';
  /** Sequence number of the latest pass issued (0: none yet); older passes are revoked. */
  passSeq: number;
}

export interface ScanAttempt {
  studentNo: string;
  purpose: CheckinPurpose;
  /** When the scan happened (the server's clock online; the officer's phone's clock for an offline scan). */
  at: Date;
  by: string;
  method: CheckinMethod;
  /** The pass sequence number of a member code; null for other methods. */
  passSeq: number | null;
}

export type ScanRefusal =
  | 'CHECKIN_EVENT_CANCELLED'
  | 'CHECKIN_NOT_REGISTERED'
  | 'CHECKIN_WAITLISTED'
  | 'CHECKIN_REGISTRATION_CANCELLED'
  | 'CHECKIN_CODE_REVOKED'
  | 'CHECKIN_NOT_OPEN'
  | 'CHECKIN_NOT_CHECKED_IN';

export interface CounterDelta {
  checkedIn: number;
  checkedOut: number;
}

export type ScanDecision =
  | { kind: 'refuse'; code: ScanRefusal }
  /** Nothing to write: the member was already checked in (or out); `attendance` is what is on record. */
  | { kind: 'already'; attendance: AttendanceRecord }
  | { kind: 'record'; attendance: AttendanceRecord; delta: CounterDelta };

function within(at: Date, from: string, until: string): boolean {
  const t = at.getTime();
  return t >= Date.parse(from) && t <= Date.parse(until);
}

function emptyAttendance(eventId: string, studentNo: string, walkIn: boolean, at: Date): AttendanceRecord {
  return {
    eventId,
    studentNo,
    walkIn,
    checkedInAt: null,
    checkedInBy: null,
    checkinMethod: null,
    checkedOutAt: null,
    checkedOutBy: null,
    checkoutMethod: null,
    updatedAt: at.toISOString(),
  };
}

/**
 * A scan. Order: a second scan of someone already checked in answers "already" whatever else holds (the officer
 * wants 已签到, not a refusal); then whether the person may attend at all; then the time window.
 */
export function decideScan(
  event: CheckinRules,
  registration: RegistrationState | null,
  attendance: AttendanceRecord | null,
  scan: ScanAttempt,
  now: Date,
): ScanDecision {
  if (event.status === 'cancelled') return { kind: 'refuse', code: 'CHECKIN_EVENT_CANCELLED' };
  if (event.status === 'draft') return { kind: 'refuse', code: 'CHECKIN_NOT_OPEN' };
  if (scan.purpose === 'in') {
    if (attendance?.checkedInAt) return { kind: 'already', attendance };
    let walkIn = false;
    if (registration?.status !== 'confirmed') {
      if (scan.method === 'member_code' && registration?.status === 'cancelled') {
        return { kind: 'refuse', code: 'CHECKIN_REGISTRATION_CANCELLED' };
      }
      if (!event.allowWalkIns || scan.method === 'member_code') {
        return { kind: 'refuse', code: registration?.status === 'waitlisted' ? 'CHECKIN_WAITLISTED' : 'CHECKIN_NOT_REGISTERED' };
      }
      walkIn = true;
    } else if (scan.passSeq !== null && scan.passSeq < registration.passSeq) {
      return { kind: 'refuse', code: 'CHECKIN_CODE_REVOKED' };
    }
    if (!within(scan.at, event.checkinStartAt, event.checkinEndAt)) return { kind: 'refuse', code: 'CHECKIN_NOT_OPEN' };
    const base = attendance ?? emptyAttendance(event.id, scan.studentNo, walkIn, now);
    return {
      kind: 'record',
      attendance: { ...base, checkedInAt: scan.at.toISOString(), checkedInBy: scan.by, checkinMethod: scan.method, updatedAt: now.toISOString() },
      delta: { checkedIn: 1, checkedOut: 0 },
    };
  }
  if (!attendance?.checkedInAt) return { kind: 'refuse', code: 'CHECKIN_NOT_CHECKED_IN' };
  if (attendance.checkedOutAt) return { kind: 'already', attendance };
  if (scan.passSeq !== null && registration && scan.passSeq < registration.passSeq) {
    return { kind: 'refuse', code: 'CHECKIN_CODE_REVOKED' };
  }
  if (!within(scan.at, event.checkinStartAt, event.checkoutEndAt) || scan.at.getTime() < Date.parse(attendance.checkedInAt)) {
    return { kind: 'refuse', code: 'CHECKIN_NOT_OPEN' };
  }
  return {
    kind: 'record',
    attendance: { ...attendance, checkedOutAt: scan.at.toISOString(), checkedOutBy: scan.by, checkoutMethod: scan.method, updatedAt: now.toISOString() },
    delta: { checkedIn: 0, checkedOut: 1 },
  };
}

export const CORRECTION_OPS = ['check_in', 'check_out', 'undo_check_in', 'undo_check_out'] as const;
export type CorrectionOp = (typeof CORRECTION_OPS)[number];

export type CorrectionRefusal = 'CHECKIN_NOT_REGISTERED' | 'CHECKIN_NOT_CHECKED_IN' | 'CORRECTION_NOT_NEEDED';

export type CorrectionDecision =
  | { kind: 'refuse'; code: CorrectionRefusal }
  | { kind: 'record'; attendance: AttendanceRecord; delta: CounterDelta };

/**
 * An officer's correction by hand (with a reason, audited by the caller). Unlike a scan it is not bound to the
 * check-in window: corrections happen after the fact. A walk-in may be added by hand only where walk-ins are allowed.
 */
export function decideCorrection(
  event: CheckinRules,
  registration: RegistrationState | null,
  attendance: AttendanceRecord | null,
  correction: { op: CorrectionOp; studentNo: string; at: Date; by: string },
  now: Date,
): CorrectionDecision {
  const { op, studentNo, at, by } = correction;
  const stamp = now.toISOString();
  switch (op) {
    case 'check_in': {
      if (attendance?.checkedInAt) return { kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' };
      const walkIn = registration?.status !== 'confirmed';
      if (walkIn && !event.allowWalkIns) return { kind: 'refuse', code: 'CHECKIN_NOT_REGISTERED' };
      const base = attendance ?? emptyAttendance(event.id, studentNo, walkIn, now);
      return {
        kind: 'record',
        attendance: { ...base, walkIn, checkedInAt: at.toISOString(), checkedInBy: by, checkinMethod: 'manual', updatedAt: stamp },
        delta: { checkedIn: 1, checkedOut: 0 },
      };
    }
    case 'check_out': {
      if (!attendance?.checkedInAt) return { kind: 'refuse', code: 'CHECKIN_NOT_CHECKED_IN' };
      if (attendance.checkedOutAt) return { kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' };
      const outAt = at.getTime() < Date.parse(attendance.checkedInAt) ? new Date(attendance.checkedInAt) : at;
      return {
        kind: 'record',
        attendance: { ...attendance, checkedOutAt: outAt.toISOString(), checkedOutBy: by, checkoutMethod: 'manual', updatedAt: stamp },
        delta: { checkedIn: 0, checkedOut: 1 },
      };
    }
    case 'undo_check_in': {
      if (!attendance?.checkedInAt) return { kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' };
      // -1 or 0, never -0 (which would reach the stored counters' increments).
      const outDelta = attendance.checkedOutAt ? -1 : 0;
      return {
        kind: 'record',
        attendance: {
          ...attendance,
          checkedInAt: null,
          checkedInBy: null,
          checkinMethod: null,
          checkedOutAt: null,
          checkedOutBy: null,
          checkoutMethod: null,
          updatedAt: stamp,
        },
        delta: { checkedIn: -1, checkedOut: outDelta },
      };
    }
    case 'undo_check_out': {
      if (!attendance?.checkedOutAt) return { kind: 'refuse', code: 'CORRECTION_NOT_NEEDED' };
      return {
        kind: 'record',
        attendance: { ...attendance, checkedOutAt: null, checkedOutBy: null, checkoutMethod: null, updatedAt: stamp },
        delta: { checkedIn: 0, checkedOut: -1 },
      };
    }
  }
}

/**
 * Hours of a stay: the part of [check-in, check-out] inside the event, in hours rounded down to a tenth. They count
 * only when the event records hours and the stay covers at least `minStayRatio` of the event.
 */
export function attendanceHours(
  event: Pick<CheckinRules, 'startAt' | 'endAt' | 'checkoutRequired' | 'minStayRatio'>,
  attendance: Pick<AttendanceRecord, 'checkedInAt' | 'checkedOutAt'> | null,
): { hours: number; counted: boolean } {
  if (!event.checkoutRequired || !attendance?.checkedInAt || !attendance.checkedOutAt) return { hours: 0, counted: false };
  const start = Date.parse(event.startAt);
  const end = Date.parse(event.endAt);
  const from = Math.max(start, Date.parse(attendance.checkedInAt));
  const until = Math.min(end, Date.parse(attendance.checkedOutAt));
  const stayMs = Math.max(0, until - from);
  const hours = Math.floor(stayMs / 360_000) / 10;
  const counted = end > start && stayMs / (end - start) >= event.minStayRatio - 1e-9;
  return { hours, counted };
}

/** Great-circle distance in metres (haversine), for the optional venue radius of event-code check-in. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Check-in settings an event gets unless its organiser says otherwise: check-in opens 30 minutes before the start
 * and closes at the end; check-out stays open an hour after the end; volunteering and first-aid training record
 * hours (check-out required) and count a stay covering 60% of the event.
 */
export function defaultCheckinSettings(
  startAt: string,
  endAt: string,
  category: string,
): Pick<CheckinRules, 'checkinStartAt' | 'checkinEndAt' | 'checkoutEndAt' | 'checkoutRequired' | 'minStayRatio' | 'allowWalkIns'> {
  const start = Date.parse(startAt);
  const end = Date.parse(endAt);
  return {
    checkinStartAt: new Date(start - 30 * 60_000).toISOString(),
    checkinEndAt: new Date(end).toISOString(),
    checkoutEndAt: new Date(end + 60 * 60_000).toISOString(),
    checkoutRequired: category === 'volunteer' || category === 'firstaid',
    minStayRatio: 0.6,
    allowWalkIns: false,
  };
}
