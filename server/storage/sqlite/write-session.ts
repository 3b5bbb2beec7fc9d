import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import {
  attemptsAfterFailure,
  mayConfirm,
  pollOutcome,
  type LoginTicket,
  type WebSession,
  countersAfterCancel,
  countersAfterSignup,
  decideCancel,
  decideCorrection,
  decideScan,
  decideSignup,
  mayPromote,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type BindAttempts,
  type BindWrite,
  type EventRecord,
  type EventRules,
  type RegistrationRecord,
  type RegistrationState,
  type RoleGrant,
  type RosterEntry,
  type ScanAttempt,
  type ScanOutcome,
  type ScanRecord,
  type StudentRecord,
  type CorrectionOp,
} from '../../domain';
import type { CancelOutcome, SignupOutcome } from '../port';
import {
  CHECKIN_RULES_COLUMNS,
  EVENT_RULES_COLUMNS,
  attendanceFromRow,
  attendanceToRow,
  checkinRulesFromRow,
  eventRulesFromRow,
  eventToRow,
  registrationFromRow,
  scanFromRow,
  scanToRow,
  studentToRow,
  type AttendanceRow,
  type CheckinRulesRow,
  type EventRulesRow,
  type RegistrationRow,
  type ScanRow,
} from './rows';

/**
 * The writes of the SQLite adapter on one connection, each a synchronous job meant to run inside the group commit's
 * transaction. A job throws ApiError only before its first write (the group commit relies on that to skip a
 * rollback); anything that fails after a write is a plain Error, and the committer then rolls that job back whole.
 */
export class SqliteWriteSession {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      eventRules: db.prepare<[string], EventRulesRow>(`SELECT ${EVENT_RULES_COLUMNS} FROM events WHERE id = ?`),
      registration: db.prepare<[string, string], RegistrationRow>(
        'SELECT * FROM registrations WHERE event_id = ? AND student_no = ?',
      ),
      firstInLine: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1",
      ),
      takeSeat: db.prepare<[string]>('UPDATE events SET seats_left = seats_left - 1 WHERE id = ? AND seats_left > 0'),
      setCounters: db.prepare<[number, number, number, string]>(
        'UPDATE events SET seats_left = ?, waitlist_count = ?, waitlist_seq = ? WHERE id = ?',
      ),
      insertRegistration: db.prepare(
        // Only the (event, student) key may be skipped silently; any other constraint still fails the job.
        `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at)
         VALUES (@event_id, @student_no, @status, @waitlist_seq, @created_at, @updated_at)
         ON CONFLICT (student_no, event_id) DO NOTHING`,
      ),
      // The pass number is kept (a renewed registration must not hand out an old number again): answered, not reset.
      renewRegistration: db.prepare<[RegistrationRow], { pass_seq: number }>(
        `UPDATE registrations SET status = @status, waitlist_seq = @waitlist_seq, created_at = @created_at,
                updated_at = @updated_at WHERE event_id = @event_id AND student_no = @student_no AND status = 'cancelled'
         RETURNING pass_seq`,
      ),
      setStatus: db.prepare<[string, string, string, string]>(
        'UPDATE registrations SET status = ?, updated_at = ? WHERE event_id = ? AND student_no = ?',
      ),
      putStudent: db.prepare(
        `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member,
           second_factor_hash)
         VALUES (@student_no, @openid, @name, @college, @class_name, @branch, @grade, @is_league_member,
           @second_factor_hash)
         ON CONFLICT (student_no) DO UPDATE SET openid = excluded.openid, name = excluded.name,
           college = excluded.college, class_name = excluded.class_name, branch = excluded.branch,
           grade = excluded.grade, is_league_member = excluded.is_league_member,
           second_factor_hash = excluded.second_factor_hash`,
      ),
      student: db.prepare<[string], { openid: string | null }>('SELECT openid FROM students WHERE student_no = ?'),
      studentOfAccount: db.prepare<[string], string>('SELECT student_no FROM students WHERE openid = ?').pluck(),
      bind: db.prepare<[string, string]>('UPDATE students SET openid = ? WHERE student_no = ? AND openid IS NULL'),
      unbind: db.prepare<[string]>('UPDATE students SET openid = NULL WHERE student_no = ?'),
      attempts: db.prepare<[string], { failures: number; locked_until: string | null }>(
        'SELECT failures, locked_until FROM bind_attempts WHERE openid = ?',
      ),
      putAttempts: db.prepare<[string, number, string | null]>(
        `INSERT INTO bind_attempts (openid, failures, locked_until) VALUES (?, ?, ?)
         ON CONFLICT (openid) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      ),
      clearAttempts: db.prepare<[string]>('DELETE FROM bind_attempts WHERE openid = ?'),
      grant: db.prepare(
        `INSERT INTO role_grants (openid, role, scope, granted_by, granted_at)
         VALUES (@openid, @role, @scope, @grantedBy, @grantedAt) ON CONFLICT DO NOTHING`,
      ),
      revoke: db.prepare<[string, string, string]>('DELETE FROM role_grants WHERE openid = ? AND role = ? AND scope = ?'),
      audit: db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail)'),
      importStudent: db.prepare(
        `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member,
           second_factor_hash)
         VALUES (@student_no, NULL, @name, @college, @class_name, @branch, @grade, @is_league_member, @second_factor_hash)
         ON CONFLICT (student_no) DO UPDATE SET name = excluded.name, college = excluded.college,
           class_name = excluded.class_name, branch = excluded.branch, grade = excluded.grade,
           is_league_member = excluded.is_league_member,
           second_factor_hash = COALESCE(excluded.second_factor_hash, students.second_factor_hash)`,
      ),
      ticket: db.prepare<[string], { id_hash: string; status: string; openid: string | null; created_at: string; expires_at: string }>(
        'SELECT * FROM login_tickets WHERE id_hash = ?',
      ),
      insertTicket: db.prepare(
        `INSERT INTO login_tickets (id_hash, status, openid, created_at, expires_at)
         VALUES (@idHash, @status, @openid, @createdAt, @expiresAt)`,
      ),
      setTicket: db.prepare<[string, string | null, string]>('UPDATE login_tickets SET status = ?, openid = ? WHERE id_hash = ?'),
      insertSession: db.prepare(
        `INSERT INTO web_sessions (token_hash, openid, created_at, expires_at, revoked_at)
         VALUES (@tokenHash, @openid, @createdAt, @expiresAt, @revokedAt)`,
      ),
      revokeSession: db.prepare<[string, string]>(
        'UPDATE web_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      putEvent: db.prepare(
        `INSERT OR REPLACE INTO events (id, title, category, tag, organizer, location, description, start_at, end_at,
           signup_start_at, signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left,
           waitlist_count, waitlist_seq, checkin_start_at, checkin_end_at, checkout_end_at, checkout_required,
           min_stay_ratio, allow_walk_ins, host_kind, host_unit, host_college, staff_openids, geofence,
           checked_in_count, checked_out_count)
         VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @start_at, @end_at,
           @signup_start_at, @signup_end_at, @cancel_deadline_at, @capacity, @waitlist_enabled, @credits, @status,
           @seats_left, @waitlist_count, @waitlist_seq, @checkin_start_at, @checkin_end_at, @checkout_end_at,
           @checkout_required, @min_stay_ratio, @allow_walk_ins, @host_kind, @host_unit, @host_college, @staff_openids,
           @geofence, @checked_in_count, @checked_out_count)`,
      ),
      checkinRules: db.prepare<[string], CheckinRulesRow>(`SELECT ${CHECKIN_RULES_COLUMNS} FROM events WHERE id = ?`),
      registrationState: db.prepare<[string, string], { status: string; pass_seq: number }>(
        'SELECT status, pass_seq FROM registrations WHERE event_id = ? AND student_no = ?',
      ),
      attendance: db.prepare<[string, string], AttendanceRow>('SELECT * FROM attendance WHERE event_id = ? AND student_no = ?'),
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
      attendanceCounts: db.prepare<[string], { capacity: number; seats_left: number; checked_in_count: number; checked_out_count: number }>(
        'SELECT capacity, seats_left, checked_in_count, checked_out_count FROM events WHERE id = ?',
      ),
      scan: db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE scan_id = ?'),
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
  }

  /**
   * Reads the student's registration only when it must: a first sign-up is an insert that skips an existing
   * (event, student) key, and only a key already taken (signed up before, or cancelled) costs the extra read.
   */
  signUp(eventId: string, studentNo: string, now: Date): SignupOutcome {
    const event = this.eventRules(eventId);
    let decision = decideSignup(event, null, now);
    if (decision.kind === 'refuse') {
      // An active registration outranks every other refusal (ALREADY_SIGNED_UP says what the student needs).
      decision = decideSignup(event, this.registrationOf(eventId, studentNo), now);
      throw new ApiError(decision.kind === 'refuse' ? decision.code : 'INTERNAL');
    }
    const counters = countersAfterSignup(event, decision.kind);
    const stamp = now.toISOString();
    const row: RegistrationRow = {
      event_id: eventId,
      student_no: studentNo,
      status: decision.kind === 'confirm' ? 'confirmed' : 'waitlisted',
      waitlist_seq: decision.kind === 'waitlist' ? counters.waitlistSeq : null,
      pass_seq: 0,
      created_at: stamp,
      updated_at: stamp,
    };
    if (this.q.insertRegistration.run(row).changes === 0) {
      const again = decideSignup(event, this.registrationOf(eventId, studentNo), now);
      if (again.kind === 'refuse') throw new ApiError(again.code);
      // A cancelled registration signs up again, keeping its pass number.
      const renewed = this.q.renewRegistration.get(row);
      if (!renewed) throw new Error(`registration ${eventId}:${studentNo} vanished`);
      row.pass_seq = renewed.pass_seq;
    }
    if (decision.kind === 'confirm') {
      // The seat is taken by a conditional write even inside the transaction: belt and braces.
      if (this.q.takeSeat.run(eventId).changes !== 1) throw new Error(`no seat left in ${eventId} despite the check`);
    } else {
      this.q.setCounters.run(counters.seatsLeft, counters.waitlistCount, counters.waitlistSeq, eventId);
    }
    return {
      registration: registrationFromRow(row),
      event: { ...event, ...counters },
      waitlistPosition: decision.kind === 'waitlist' ? counters.waitlistCount : null,
    };
  }

  cancel(eventId: string, studentNo: string, now: Date): CancelOutcome {
    const event = this.eventRules(eventId);
    const registration = this.registrationOf(eventId, studentNo);
    const decision = decideCancel(event, registration, now);
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    const reg = registration!;
    const stamp = now.toISOString();
    this.q.setStatus.run('cancelled', stamp, eventId, studentNo);

    let promoted: RegistrationRecord | null = null;
    if (decision.freesSeat && mayPromote(event, now)) {
      const next = this.q.firstInLine.get(eventId);
      if (next) {
        this.q.setStatus.run('confirmed', stamp, eventId, next.student_no);
        promoted = { ...registrationFromRow(next), status: 'confirmed', updatedAt: stamp };
      }
    }
    const counters = countersAfterCancel(event, reg, promoted !== null);
    this.q.setCounters.run(counters.seatsLeft, counters.waitlistCount, event.waitlistSeq, eventId);
    return {
      registration: { ...reg, status: 'cancelled', updatedAt: stamp },
      event: { ...event, ...counters },
      promoted,
    };
  }

  registerBindFailure(openid: string, now: Date): BindAttempts {
    const row = this.q.attempts.get(openid);
    const previous = row ? { openid, failures: row.failures, lockedUntil: row.locked_until } : null;
    const next = attemptsAfterFailure(previous, openid, now);
    this.q.putAttempts.run(openid, next.failures, next.lockedUntil);
    return next;
  }

  /** Binds only an unbound student to an account that has none (students.openid is UNIQUE), with its audit entry. */
  bindStudent(studentNo: string, openid: string, audit: AuditDraft): BindWrite {
    const student = this.q.student.get(studentNo);
    if (!student) return 'not_found';
    if (student.openid === openid || this.q.studentOfAccount.get(openid)) return 'account_bound';
    if (student.openid !== null) return 'student_taken';
    if (this.q.bind.run(openid, studentNo).changes !== 1) throw new Error(`could not bind ${studentNo}`);
    this.q.clearAttempts.run(openid);
    this.q.audit.run(audit);
    return 'bound';
  }

  unbindStudent(studentNo: string, audit: AuditDraft): string | null {
    const student = this.q.student.get(studentNo);
    if (!student?.openid) return null;
    this.q.unbind.run(studentNo);
    this.q.audit.run(audit);
    return student.openid;
  }

  grantRole(grant: RoleGrant, audit: AuditDraft): void {
    if (this.q.grant.run(grant).changes === 1) this.q.audit.run(audit);
  }

  revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): void {
    if (this.q.revoke.run(openid, role, scope).changes === 1) this.q.audit.run(audit);
  }

  /** The binding (openid) is never in the statement, so an import cannot change or lose it. */
  importStudents(entries: RosterEntry[], audit: AuditDraft): { created: number; updated: number } {
    let created = 0;
    for (const e of entries) {
      const known = this.q.student.get(e.studentNo) !== undefined;
      this.q.importStudent.run(studentToRow({ ...e, openid: null }));
      if (!known) created++;
    }
    this.q.audit.run(audit);
    return { created, updated: entries.length - created };
  }

  createLoginTicket(ticket: LoginTicket): void {
    this.q.insertTicket.run(ticket);
  }

  confirmLoginTicket(idHash: string, openid: string, now: Date): boolean {
    if (!mayConfirm(this.ticketOf(idHash), now)) return false;
    this.q.setTicket.run('confirmed', openid, idHash);
    return true;
  }

  /** Consumes a confirmed ticket and creates the session in the same transaction: a ticket is exchanged once. */
  exchangeLoginTicket(
    idHash: string,
    now: Date,
    draft: Omit<WebSession, 'openid'>,
  ): { outcome: 'pending' } | { outcome: 'invalid' } | { outcome: 'exchanged'; session: WebSession } {
    const ticket = this.ticketOf(idHash);
    const outcome = pollOutcome(ticket, now);
    if (outcome !== 'exchange') return { outcome };
    this.q.setTicket.run('consumed', ticket!.openid, idHash);
    const session: WebSession = { ...draft, openid: ticket!.openid! };
    this.q.insertSession.run(session);
    return { outcome: 'exchanged', session };
  }

  revokeWebSession(tokenHash: string, now: Date): void {
    this.q.revokeSession.run(now.toISOString(), tokenHash);
  }

  private ticketOf(idHash: string): LoginTicket | null {
    const r = this.q.ticket.get(idHash);
    return r
      ? { idHash: r.id_hash, status: r.status as LoginTicket['status'], openid: r.openid, createdAt: r.created_at, expiresAt: r.expires_at }
      : null;
  }

  /** Increments the pass number of a confirmed registration (revoking older passes); NOT_SIGNED_UP otherwise. */
  issuePassSeq(eventId: string, studentNo: string): number {
    const row = this.q.issuePass.get(eventId, studentNo);
    if (!row) throw new ApiError('NOT_SIGNED_UP');
    return row.pass_seq;
  }

  /**
   * One scan: a scan id seen before is answered from its stored record and nothing is written; otherwise point reads
   * of the event, the registration and the attendance, the domain's decision, and point writes (attendance, the
   * event's counters, the scan itself). NOT_FOUND for an unknown event is thrown before any write.
   */
  recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): { duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts } {
    const seen = this.q.scan.get(input.scanId);
    if (seen) {
      const scan = scanFromRow(seen);
      return { duplicate: true, scan, counts: this.countsOf(scan.eventId) ?? { registered: 0, checkedIn: 0, checkedOut: 0 } };
    }
    const { attempt, eventId } = input;
    const event = this.checkinRulesOf(eventId);
    const rules = checkinRulesFromRow(event);
    const decision = decideScan(rules, this.registrationStateOf(eventId, attempt.studentNo), this.attendanceOf(eventId, attempt.studentNo), attempt, now);
    let outcome: ScanOutcome;
    let counts = countsFromRow(event);
    if (decision.kind === 'record') {
      this.q.putAttendance.run(attendanceToRow(decision.attendance));
      this.q.bumpAttendanceCounters.run(decision.delta.checkedIn, decision.delta.checkedOut, eventId);
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
    this.q.insertScan.run(scanToRow(scan));
    return { duplicate: false, scan, counts };
  }

  /** An officer's correction with its audit entry; every refusal is thrown before the first write. */
  correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): { attendance: AttendanceRecord; counts: AttendanceCounts } {
    const event = this.checkinRulesOf(input.eventId);
    const decision = decideCorrection(
      checkinRulesFromRow(event),
      this.registrationStateOf(input.eventId, input.studentNo),
      this.attendanceOf(input.eventId, input.studentNo),
      { op: input.op, studentNo: input.studentNo, at: input.at, by: input.by },
      now,
    );
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    this.q.putAttendance.run(attendanceToRow(decision.attendance));
    this.q.bumpAttendanceCounters.run(decision.delta.checkedIn, decision.delta.checkedOut, input.eventId);
    this.q.audit.run(audit);
    return { attendance: decision.attendance, counts: addDelta(countsFromRow(event), decision.delta) };
  }

  /** Adds or removes one account from the event's staff; writes (and audits) only a change. */
  setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): string[] {
    const stored = this.q.staff.get(eventId);
    if (stored === undefined) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
    const staff = JSON.parse(stored) as string[];
    const has = staff.includes(openid);
    if (has === assigned) return staff;
    const next = assigned ? [...staff, openid] : staff.filter((o) => o !== openid);
    this.q.setStaff.run(JSON.stringify(next), eventId);
    this.q.audit.run(audit);
    return next;
  }

  putStudents(students: StudentRecord[]): void {
    for (const s of students) this.q.putStudent.run(studentToRow(s));
  }

  putEvents(events: EventRecord[]): void {
    for (const e of events) this.q.putEvent.run(eventToRow(e));
  }

  private eventRules(eventId: string): EventRules {
    const row = this.q.eventRules.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
    return eventRulesFromRow(row);
  }

  private checkinRulesOf(eventId: string): CheckinRulesRow {
    const row = this.q.checkinRules.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
    return row;
  }

  private registrationStateOf(eventId: string, studentNo: string): RegistrationState | null {
    const row = this.q.registrationState.get(eventId, studentNo);
    return row ? { status: row.status as RegistrationState['status'], passSeq: row.pass_seq } : null;
  }

  private attendanceOf(eventId: string, studentNo: string): AttendanceRecord | null {
    const row = this.q.attendance.get(eventId, studentNo);
    return row ? attendanceFromRow(row) : null;
  }

  private countsOf(eventId: string): AttendanceCounts | null {
    const row = this.q.attendanceCounts.get(eventId);
    return row ? countsFromRow(row) : null;
  }

  private registrationOf(eventId: string, studentNo: string): RegistrationRecord | null {
    const row = this.q.registration.get(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  }
}

/** Registered members are the seats taken: capacity minus seats left (the event keeps no other count of them). */
export function countsFromRow(r: Pick<CheckinRulesRow, 'capacity' | 'seats_left' | 'checked_in_count' | 'checked_out_count'>): AttendanceCounts {
  return { registered: r.capacity - r.seats_left, checkedIn: r.checked_in_count, checkedOut: r.checked_out_count };
}

function addDelta(c: AttendanceCounts, d: { checkedIn: number; checkedOut: number }): AttendanceCounts {
  return { ...c, checkedIn: c.checkedIn + d.checkedIn, checkedOut: c.checkedOut + d.checkedOut };
}
