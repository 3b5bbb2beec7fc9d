import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import type {
  AttendanceCounts,
  AttendanceRecord,
  CorrectionOp,
  EventAttendanceRow,
  ScanAttempt,
  ScanRecord,
  AuditDraft,
  AuditRecord,
  BindAttempts,
  BindWrite,
  EventRecord,
  LoginTicket,
  RegistrationRecord,
  RoleGrant,
  RosterEntry,
  StudentRecord,
  WebSession,
} from '../../domain';
import type { CancelOutcome, EventFilter, SignupOutcome, StoragePort } from '../port';
import { GroupCommitter } from './group-commit';
import { openDatabase, type Synchronous } from './open-database';
import {
  attendanceFromRow,
  eventFromRow,
  registrationFromRow,
  roleGrantFromRow,
  scanFromRow,
  studentFromRow,
  type AttendanceRow,
  type EventRow,
  type ScanRow,
  type RoleGrantRow,
  type RegistrationRow,
  type StudentRow,
} from './rows';
import { countsFromRow, SqliteWriteSession } from './write-session';

/** A line of the attendance list as one joined row: the student, the registration (if any), the attendance (if any). */
type AttendanceListRow = StudentRow & { reg_status: string | null; reg_pass_seq: number | null } & {
  [K in keyof AttendanceRow as `a_${K}`]: AttendanceRow[K] | null;
};

export interface SqliteOptions {
  /** Database file, or ':memory:' for a throw-away database. */
  file: string;
  /** FULL (default) survives power loss; NORMAL survives a killed process but may lose the last commits on an OS crash. */
  synchronous?: Synchronous;
}

/**
 * The embedded adapter: SQLite through better-sqlite3, WAL, durable commits (synchronous=FULL). Writes are jobs of
 * SqliteWriteSession run by the group commit: those of one event-loop turn share one transaction opened with
 * BEGIN IMMEDIATE, so they are serialised against every other writer, including other processes using the file.
 */
export class SqliteStorage implements StoragePort {
  readonly db: Database.Database;
  private readonly committer: GroupCommitter;
  private readonly session: SqliteWriteSession;
  private readonly q;

  constructor(options: SqliteOptions) {
    this.db = openDatabase(options.file, options.synchronous ?? 'FULL');
    this.session = new SqliteWriteSession(this.db);
    // The session throws ApiError only before a job's first write, so such a refusal needs no rollback.
    this.committer = new GroupCommitter(this.db, { isCleanRefusal: (e) => e instanceof ApiError });
    const db = this.db;
    this.q = {
      studentByOpenid: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE openid = ?'),
      studentByNo: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no = ?'),
      studentNoByOpenid: db.prepare<[string], string>('SELECT student_no FROM students WHERE openid = ?').pluck(),
      hasStudent: db.prepare<[string], number>('SELECT 1 FROM students WHERE student_no = ?').pluck(),
      students: db.prepare<[number], StudentRow>('SELECT * FROM students ORDER BY student_no LIMIT ?'),
      event: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      events: db.prepare<[{ category: string | null; keyword: string | null }], EventRow>(
        `SELECT * FROM events
          WHERE (@category IS NULL OR category = @category)
            AND (@keyword IS NULL OR instr(title, @keyword) > 0 OR instr(organizer, @keyword) > 0
                 OR instr(tag, @keyword) > 0 OR instr(location, @keyword) > 0)
          ORDER BY start_at`,
      ),
      registration: db.prepare<[string, string], RegistrationRow>(
        'SELECT * FROM registrations WHERE event_id = ? AND student_no = ?',
      ),
      activeOfStudent: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE student_no = ? AND status != 'cancelled' ORDER BY created_at DESC",
      ),
      aheadInLine: db.prepare<[string, number], number>(
        "SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'waitlisted' AND waitlist_seq < ?",
      ).pluck(),
      ofBranch: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE branch = ? ORDER BY student_no'),
      attempts: db.prepare<[string], { failures: number; locked_until: string | null }>(
        'SELECT failures, locked_until FROM bind_attempts WHERE openid = ?',
      ),
      rolesOf: db.prepare<[string], RoleGrantRow>('SELECT * FROM role_grants WHERE openid = ? ORDER BY role, scope'),
      allRoles: db.prepare<[], RoleGrantRow>('SELECT * FROM role_grants ORDER BY role, scope, openid'),
      audit: db.prepare<[number], AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
      session: db.prepare<[string], { token_hash: string; openid: string; created_at: string; expires_at: string; revoked_at: string | null }>(
        'SELECT * FROM web_sessions WHERE token_hash = ?',
      ),
      line: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq",
      ),
      scan: db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE scan_id = ?'),
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
    };
  }

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const row = this.q.studentByOpenid.get(openid);
    return row ? studentFromRow(row) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const row = this.q.studentByNo.get(studentNo);
    return row ? studentFromRow(row) : null;
  }

  async studentNoByOpenid(openid: string): Promise<string | null> {
    return this.q.studentNoByOpenid.get(openid) ?? null;
  }

  async hasStudent(studentNo: string): Promise<boolean> {
    return this.q.hasStudent.get(studentNo) === 1;
  }

  async listStudents(limit: number): Promise<StudentRecord[]> {
    return this.q.students.all(limit).map(studentFromRow);
  }

  async listEvents(filter: EventFilter): Promise<EventRecord[]> {
    const keyword = filter.keyword ? filter.keyword : null;
    return this.q.events.all({ category: filter.category ?? null, keyword }).map(eventFromRow);
  }

  async getEvent(eventId: string): Promise<EventRecord | null> {
    const row = this.q.event.get(eventId);
    return row ? eventFromRow(row) : null;
  }

  async getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
    const row = this.q.registration.get(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  }

  async listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]> {
    return this.q.activeOfStudent.all(studentNo).map(registrationFromRow);
  }

  async waitlistPosition(registration: RegistrationRecord): Promise<number | null> {
    if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return null;
    return 1 + this.q.aheadInLine.get(registration.eventId, registration.waitlistSeq)!;
  }

  async listWaitlist(eventId: string): Promise<RegistrationRecord[]> {
    return this.q.line.all(eventId).map(registrationFromRow);
  }

  async listStudentsOfBranch(branch: string): Promise<StudentRecord[]> {
    return this.q.ofBranch.all(branch).map(studentFromRow);
  }

  async getBindAttempts(openid: string): Promise<BindAttempts | null> {
    const row = this.q.attempts.get(openid);
    return row ? { openid, failures: row.failures, lockedUntil: row.locked_until } : null;
  }

  registerBindFailure(openid: string, now: Date): Promise<BindAttempts> {
    return this.committer.run(() => this.session.registerBindFailure(openid, now));
  }

  bindStudent(studentNo: string, openid: string, audit: AuditDraft): Promise<BindWrite> {
    return this.committer.run(() => this.session.bindStudent(studentNo, openid, audit));
  }

  unbindStudent(studentNo: string, audit: AuditDraft): Promise<string | null> {
    return this.committer.run(() => this.session.unbindStudent(studentNo, audit));
  }

  async rolesOf(openid: string): Promise<RoleGrant[]> {
    return this.q.rolesOf.all(openid).map(roleGrantFromRow);
  }

  async grantRole(grant: RoleGrant, audit: AuditDraft): Promise<RoleGrant[]> {
    await this.committer.run(() => this.session.grantRole(grant, audit));
    return this.rolesOf(grant.openid);
  }

  async revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): Promise<RoleGrant[]> {
    await this.committer.run(() => this.session.revokeRole(openid, role, scope, audit));
    return this.rolesOf(openid);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    return this.q.allRoles.all().map(roleGrantFromRow);
  }

  async listAudit(limit: number): Promise<AuditRecord[]> {
    return this.q.audit.all(limit);
  }

  signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    return this.committer.run(() => this.session.signUp(eventId, studentNo, now));
  }

  cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome> {
    return this.committer.run(() => this.session.cancel(eventId, studentNo, now));
  }

  createLoginTicket(ticket: LoginTicket): Promise<void> {
    return this.committer.run(() => this.session.createLoginTicket(ticket));
  }

  confirmLoginTicket(idHash: string, openid: string, now: Date): Promise<boolean> {
    return this.committer.run(() => this.session.confirmLoginTicket(idHash, openid, now));
  }

  exchangeLoginTicket(idHash: string, now: Date, session: Omit<WebSession, 'openid'>) {
    return this.committer.run(() => this.session.exchangeLoginTicket(idHash, now, session));
  }

  async getWebSession(tokenHash: string): Promise<WebSession | null> {
    const r = this.q.session.get(tokenHash);
    return r ? { tokenHash: r.token_hash, openid: r.openid, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at } : null;
  }

  revokeWebSession(tokenHash: string, now: Date): Promise<void> {
    return this.committer.run(() => this.session.revokeWebSession(tokenHash, now));
  }

  issuePassSeq(eventId: string, studentNo: string, _now: Date): Promise<number> {
    return this.committer.run(() => this.session.issuePassSeq(eventId, studentNo));
  }

  async getScan(scanId: string): Promise<ScanRecord | null> {
    const row = this.q.scan.get(scanId);
    return row ? scanFromRow(row) : null;
  }

  recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): Promise<{ duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts }> {
    return this.committer.run(() => this.session.recordScan(input, now));
  }

  correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): Promise<{ attendance: AttendanceRecord; counts: AttendanceCounts }> {
    return this.committer.run(() => this.session.correctAttendance(input, audit, now));
  }

  async getAttendance(eventId: string, studentNo: string): Promise<AttendanceRecord | null> {
    const row = this.q.attendance.get(eventId, studentNo);
    return row ? attendanceFromRow(row) : null;
  }

  async attendanceCounts(eventId: string): Promise<AttendanceCounts | null> {
    const row = this.q.counts.get(eventId);
    return row ? countsFromRow(row) : null;
  }

  async listEventAttendance(eventId: string): Promise<EventAttendanceRow[]> {
    return this.q.attendanceList.all({ eventId }).map((r) => {
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
  }

  setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): Promise<string[]> {
    return this.committer.run(() => this.session.setEventStaff(eventId, openid, assigned, audit));
  }

  importStudents(entries: RosterEntry[], audit: AuditDraft): Promise<{ created: number; updated: number }> {
    return this.committer.run(() => this.session.importStudents(entries, audit));
  }

  putStudents(students: StudentRecord[]): Promise<void> {
    return this.committer.run(() => this.session.putStudents(students));
  }

  putEvents(events: EventRecord[]): Promise<void> {
    return this.committer.run(() => this.session.putEvents(events));
  }

  async close(): Promise<void> {
    this.committer.close();
    this.db.close();
  }
}
