import { ApiError } from '../../../types';
import {
  decideCorrection,
  decideScan,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type CheckinRules,
  type CorrectionOp,
  type RegistrationRecord,
  type RegistrationState,
  type ScanAttempt,
  type ScanOutcome,
  type ScanRecord,
} from '../../../core';
import type { CheckinPort } from '../ports';
import { EVENT_NOT_FOUND, type SqliteKit } from './kit';
import { studentFromRow, type EventRow, type StudentRow } from './rows';

export interface AttendanceRow {
  event_id: string; student_no: string; walk_in: number; checked_in_at: string | null; checked_in_by: string | null;
  checkin_method: string | null; checked_out_at: string | null; checked_out_by: string | null;
  checkout_method: string | null; updated_at: string;
}

export interface ScanRow {
  scan_id: string; event_id: string; student_no: string; purpose: string; scanned_at: string; received_at: string;
  scanned_by: string; offline: number; outcome: string;
}

/** A line of the attendance list as one joined row: the student, the registration (if any), the attendance (if any). */
type AttendanceListRow = StudentRow & { reg_status: string | null; reg_pass_seq: number | null } & {
  [K in keyof AttendanceRow as `a_${K}`]: AttendanceRow[K] | null;
};

/**
 * The columns a scan or a correction loads: the check-in rules, and the counters it answers with (registered is
 * capacity minus seats left).
 */
type CheckinRulesRow = Pick<
  EventRow,
  | 'id' | 'status' | 'start_at' | 'end_at' | 'checkin_start_at' | 'checkin_end_at' | 'checkout_end_at'
  | 'checkout_required' | 'min_stay_ratio' | 'allow_walk_ins' | 'capacity' | 'seats_left' | 'checked_in_count'
  | 'checked_out_count'
>;
const CHECKIN_RULES_COLUMNS =
  'id, status, start_at, end_at, checkin_start_at, checkin_end_at, checkout_end_at, checkout_required, ' +
  'min_stay_ratio, allow_walk_ins, capacity, seats_left, checked_in_count, checked_out_count';

function checkinRulesFromRow(r: Omit<CheckinRulesRow, 'capacity' | 'seats_left' | 'checked_in_count' | 'checked_out_count'>): CheckinRules {
  return {
    id: r.id, status: r.status as CheckinRules['status'], startAt: r.start_at, endAt: r.end_at,
    checkinStartAt: r.checkin_start_at, checkinEndAt: r.checkin_end_at, checkoutEndAt: r.checkout_end_at,
    checkoutRequired: r.checkout_required === 1, minStayRatio: r.min_stay_ratio, allowWalkIns: r.allow_walk_ins === 1,
  };
}

/** Registered members are the seats taken: capacity minus seats left (the event keeps no other count of them). */
function countsFromRow(r: Pick<CheckinRulesRow, 'capacity' | 'seats_left' | 'checked_in_count' | 'checked_out_count'>): AttendanceCounts {
  return { registered: r.capacity - r.seats_left, checkedIn: r.checked_in_count, checkedOut: r.checked_out_count };
}

function addDelta(c: AttendanceCounts, d: { checkedIn: number; checkedOut: number }): AttendanceCounts {
  return { ...c, checkedIn: c.checkedIn + d.checkedIn, checkedOut: c.checkedOut + d.checkedOut };
}

export function attendanceFromRow(r: AttendanceRow): AttendanceRecord {
  return {
    eventId: r.event_id, studentNo: r.student_no, walkIn: r.walk_in === 1, checkedInAt: r.checked_in_at,
    checkedInBy: r.checked_in_by, checkinMethod: r.checkin_method as AttendanceRecord['checkinMethod'],
    checkedOutAt: r.checked_out_at, checkedOutBy: r.checked_out_by,
    checkoutMethod: r.checkout_method as AttendanceRecord['checkoutMethod'], updatedAt: r.updated_at,
  };
}

function attendanceToRow(a: AttendanceRecord): AttendanceRow {
  return {
    event_id: a.eventId, student_no: a.studentNo, walk_in: a.walkIn ? 1 : 0, checked_in_at: a.checkedInAt,
    checked_in_by: a.checkedInBy, checkin_method: a.checkinMethod, checked_out_at: a.checkedOutAt,
    checked_out_by: a.checkedOutBy, checkout_method: a.checkoutMethod, updated_at: a.updatedAt,
  };
}

export function scanFromRow(r: ScanRow): ScanRecord {
  return {
    scanId: r.scan_id, eventId: r.event_id, studentNo: r.student_no, purpose: r.purpose as ScanRecord['purpose'],
    scannedAt: r.scanned_at, receivedAt: r.received_at, by: r.scanned_by, offline: r.offline === 1,
    outcome: JSON.parse(r.outcome) as ScanOutcome,
  };
}

function scanToRow(s: ScanRecord): ScanRow {
  return {
    scan_id: s.scanId, event_id: s.eventId, student_no: s.studentNo, purpose: s.purpose, scanned_at: s.scannedAt,
    received_at: s.receivedAt, scanned_by: s.by, offline: s.offline ? 1 : 0, outcome: JSON.stringify(s.outcome),
  };
}

/**
 * Check-in on SQLite. A scan is one job of point reads and writes on (event, student): the scan id, the event's rule
 * columns, the registration and the attendance by key, then the attendance row, the event's counters and the scan
 * row. Nothing reads a registration list per scan.
 */
export function sqliteCheckin(kit: SqliteKit): CheckinPort {
  const { db } = kit;
  const q = {
    scan: db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE scan_id = ?'),
    scans: db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE scan_id IN (SELECT value FROM json_each(?))'),
    attendance: db.prepare<[string, string], AttendanceRow>('SELECT * FROM attendance WHERE event_id = ? AND student_no = ?'),
    counts: db.prepare<[string], { capacity: number; seats_left: number; checked_in_count: number; checked_out_count: number }>(
      'SELECT capacity, seats_left, checked_in_count, checked_out_count FROM events WHERE id = ?',
    ),
    // Confirmed registrations, and everyone who is checked in (walk-ins; members who cancelled after they came).
    // Registrations are keyed (student, event), so the first half reads the table through: an officer's page, not
    // a scan, pays for it, and sign-ups keep writing no secondary index (docs/data-model.md).
    attendanceList: db.prepare<[{ eventId: string }], AttendanceListRow>(
      `WITH who (student_no) AS (
         SELECT student_no FROM registrations WHERE event_id = @eventId AND status = 'confirmed'
         UNION
         SELECT student_no FROM attendance WHERE event_id = @eventId AND checked_in_at IS NOT NULL
       )
       SELECT s.*, r.status AS reg_status, r.pass_seq AS reg_pass_seq,
              a.event_id AS a_event_id, a.student_no AS a_student_no, a.walk_in AS a_walk_in,
              a.checked_in_at AS a_checked_in_at, a.checked_in_by AS a_checked_in_by,
              a.checkin_method AS a_checkin_method, a.checked_out_at AS a_checked_out_at,
              a.checked_out_by AS a_checked_out_by, a.checkout_method AS a_checkout_method,
              a.updated_at AS a_updated_at
         FROM who
         JOIN students s ON s.student_no = who.student_no
         LEFT JOIN registrations r ON r.student_no = who.student_no AND r.event_id = @eventId
         LEFT JOIN attendance a ON a.event_id = @eventId AND a.student_no = who.student_no
        ORDER BY who.student_no`,
    ),
    checkinRules: db.prepare<[string], CheckinRulesRow>(`SELECT ${CHECKIN_RULES_COLUMNS} FROM events WHERE id = ?`),
    registrationState: db.prepare<[string, string], { status: string; pass_seq: number }>(
      'SELECT status, pass_seq FROM registrations WHERE event_id = ? AND student_no = ?',
    ),
    putAttendance: db.prepare<[AttendanceRow]>(
      `INSERT INTO attendance (event_id, student_no, walk_in, checked_in_at, checked_in_by, checkin_method,
         checked_out_at, checked_out_by, checkout_method, updated_at)
       VALUES (@event_id, @student_no, @walk_in, @checked_in_at, @checked_in_by, @checkin_method, @checked_out_at,
         @checked_out_by, @checkout_method, @updated_at)
       ON CONFLICT (event_id, student_no) DO UPDATE SET walk_in = excluded.walk_in,
         checked_in_at = excluded.checked_in_at, checked_in_by = excluded.checked_in_by,
         checkin_method = excluded.checkin_method, checked_out_at = excluded.checked_out_at,
         checked_out_by = excluded.checked_out_by, checkout_method = excluded.checkout_method,
         updated_at = excluded.updated_at`,
    ),
    bumpAttendanceCounters: db.prepare<[number, number, string]>(
      'UPDATE events SET checked_in_count = checked_in_count + ?, checked_out_count = checked_out_count + ? WHERE id = ?',
    ),
    insertScan: db.prepare<[ScanRow]>(
      `INSERT INTO scans (scan_id, event_id, student_no, purpose, scanned_at, received_at, scanned_by, offline, outcome)
       VALUES (@scan_id, @event_id, @student_no, @purpose, @scanned_at, @received_at, @scanned_by, @offline, @outcome)`,
    ),
    // Only a confirmed registration gets a pass; no row answered means nothing was written.
    issuePass: db.prepare<[string, string], { pass_seq: number }>(
      `UPDATE registrations SET pass_seq = pass_seq + 1
        WHERE event_id = ? AND student_no = ? AND status = 'confirmed' RETURNING pass_seq`,
    ),
    staff: db.prepare<[string], string>('SELECT staff_openids FROM events WHERE id = ?').pluck(),
    setStaff: db.prepare<[string, string]>('UPDATE events SET staff_openids = ? WHERE id = ?'),
  };

  const checkinRulesOf = (eventId: string): CheckinRulesRow => {
    const row = q.checkinRules.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', EVENT_NOT_FOUND);
    return row;
  };

  const registrationStateOf = (eventId: string, studentNo: string): RegistrationState | null => {
    const row = q.registrationState.get(eventId, studentNo);
    return row ? { status: row.status as RegistrationState['status'], passSeq: row.pass_seq } : null;
  };

  const attendanceOf = (eventId: string, studentNo: string): AttendanceRecord | null => {
    const row = q.attendance.get(eventId, studentNo);
    return row ? attendanceFromRow(row) : null;
  };

  const countsOf = (eventId: string): AttendanceCounts | null => {
    const row = q.counts.get(eventId);
    return row ? countsFromRow(row) : null;
  };

  /**
   * One scan: a scan id seen before is answered from its stored record and nothing is written; otherwise point reads
   * of the event, the registration and the attendance, the domain's decision, and point writes (attendance, the
   * event's counters, the scan itself). NOT_FOUND for an unknown event is thrown before any write.
   */
  function recordScanJob(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): { duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts } {
    const seen = q.scan.get(input.scanId);
    if (seen) {
      const scan = scanFromRow(seen);
      return { duplicate: true, scan, counts: countsOf(scan.eventId) ?? { registered: 0, checkedIn: 0, checkedOut: 0 } };
    }
    const { attempt, eventId } = input;
    const event = checkinRulesOf(eventId);
    const rules = checkinRulesFromRow(event);
    const decision = decideScan(rules, registrationStateOf(eventId, attempt.studentNo), attendanceOf(eventId, attempt.studentNo), attempt, now);
    let outcome: ScanOutcome;
    let counts = countsFromRow(event);
    if (decision.kind === 'record') {
      q.putAttendance.run(attendanceToRow(decision.attendance));
      q.bumpAttendanceCounters.run(decision.delta.checkedIn, decision.delta.checkedOut, eventId);
      counts = addDelta(counts, decision.delta);
      outcome = { status: 'recorded', code: null, attendance: decision.attendance };
    } else if (decision.kind === 'already') {
      outcome = { status: 'already', code: null, attendance: decision.attendance };
    } else {
      outcome = { status: 'refused', code: decision.code, attendance: null };
    }
    const scan: ScanRecord = {
      scanId: input.scanId,
      eventId,
      studentNo: attempt.studentNo,
      purpose: attempt.purpose,
      scannedAt: attempt.at.toISOString(),
      receivedAt: now.toISOString(),
      by: attempt.by,
      offline: input.offline,
      outcome,
    };
    q.insertScan.run(scanToRow(scan));
    return { duplicate: false, scan, counts };
  }

  /** An officer's correction with its audit entry; every refusal is thrown before the first write. */
  function correctAttendanceJob(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): { attendance: AttendanceRecord; counts: AttendanceCounts } {
    const event = checkinRulesOf(input.eventId);
    const decision = decideCorrection(
      checkinRulesFromRow(event),
      registrationStateOf(input.eventId, input.studentNo),
      attendanceOf(input.eventId, input.studentNo),
      { op: input.op, studentNo: input.studentNo, at: input.at, by: input.by },
      now,
    );
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    q.putAttendance.run(attendanceToRow(decision.attendance));
    q.bumpAttendanceCounters.run(decision.delta.checkedIn, decision.delta.checkedOut, input.eventId);
    kit.audit(audit);
    return { attendance: decision.attendance, counts: addDelta(countsFromRow(event), decision.delta) };
  }

  /** Adds or removes one account from the event's staff; writes (and audits) only a change. */
  function setEventStaffJob(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): string[] {
    const stored = q.staff.get(eventId);
    if (stored === undefined) throw new ApiError('NOT_FOUND', EVENT_NOT_FOUND);
    const staff = JSON.parse(stored) as string[];
    const has = staff.includes(openid);
    if (has === assigned) return staff;
    const next = assigned ? [...staff, openid] : staff.filter((o) => o !== openid);
    q.setStaff.run(JSON.stringify(next), eventId);
    kit.audit(audit);
    return next;
  }

  return {
    /** Increments the pass number of a confirmed registration (revoking older passes); NOT_SIGNED_UP otherwise. */
    issuePassSeq(eventId, studentNo) {
      return kit.run(() => {
        const row = q.issuePass.get(eventId, studentNo);
        if (!row) throw new ApiError('NOT_SIGNED_UP');
        return row.pass_seq;
      });
    },

    async getScan(scanId) {
      const row = q.scan.get(scanId);
      return row ? scanFromRow(row) : null;
    },

    async getScans(scanIds) {
      if (!scanIds.length) return [];
      return q.scans.all(JSON.stringify([...new Set(scanIds)])).map(scanFromRow);
    },

    recordScan(input, now) {
      return kit.run(() => recordScanJob(input, now));
    },

    /**
     * The whole batch is one job (one transaction of the group commit): each scan as recordScan, in the order given,
     * so a member's check-in comes before their check-out; a scan id seen earlier in the batch is a duplicate.
     */
    recordScanBatch(eventId, scans, now) {
      return kit.run(() => {
        checkinRulesOf(eventId);
        const outcomes = scans.map((s) => {
          const { duplicate, scan } = recordScanJob({ ...s, eventId }, now);
          return { duplicate, scan };
        });
        return { outcomes, counts: countsOf(eventId)! };
      });
    },

    correctAttendance(input, audit, now) {
      return kit.run(() => correctAttendanceJob(input, audit, now));
    },

    async getAttendance(eventId, studentNo) {
      return attendanceOf(eventId, studentNo);
    },

    async attendanceCounts(eventId) {
      return countsOf(eventId);
    },

    async listEventAttendance(eventId) {
      return q.attendanceList.all({ eventId }).map((r) => {
        const { studentNo, name, college, className, branch, grade, isLeagueMember } = studentFromRow(r);
        return {
          student: { studentNo, name, college, className, branch, grade, isLeagueMember },
          registration: r.reg_status === null ? null : { status: r.reg_status as RegistrationRecord['status'], passSeq: r.reg_pass_seq! },
          attendance:
            r.a_event_id === null
              ? null
              : attendanceFromRow({
                  event_id: r.a_event_id, student_no: r.a_student_no!, walk_in: r.a_walk_in!, checked_in_at: r.a_checked_in_at,
                  checked_in_by: r.a_checked_in_by, checkin_method: r.a_checkin_method, checked_out_at: r.a_checked_out_at,
                  checked_out_by: r.a_checked_out_by, checkout_method: r.a_checkout_method, updated_at: r.a_updated_at!,
                }),
        };
      });
    },

    setEventStaff(eventId, openid, assigned, audit) {
      return kit.run(() => setEventStaffJob(eventId, openid, assigned, audit));
    },
  };
}
