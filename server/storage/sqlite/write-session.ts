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
  decideSignup,
  mayPromote,
  type AuditDraft,
  type BindAttempts,
  type BindWrite,
  type EventRecord,
  type EventRules,
  type RegistrationRecord,
  type RoleGrant,
  type RosterEntry,
  type StudentRecord,
} from '../../domain';
import type { CancelOutcome, SignupOutcome } from '../port';
import {
  EVENT_RULES_COLUMNS,
  eventRulesFromRow,
  eventToRow,
  registrationFromRow,
  studentToRow,
  type EventRulesRow,
  type RegistrationRow,
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
      renewRegistration: db.prepare(
        `UPDATE registrations SET status = @status, waitlist_seq = @waitlist_seq, created_at = @created_at,
                updated_at = @updated_at WHERE event_id = @event_id AND student_no = @student_no AND status = 'cancelled'`,
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
           waitlist_count, waitlist_seq)
         VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @start_at, @end_at,
           @signup_start_at, @signup_end_at, @cancel_deadline_at, @capacity, @waitlist_enabled, @credits, @status,
           @seats_left, @waitlist_count, @waitlist_seq)`,
      ),
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
      created_at: stamp,
      updated_at: stamp,
    };
    if (this.q.insertRegistration.run(row).changes === 0) {
      const again = decideSignup(event, this.registrationOf(eventId, studentNo), now);
      if (again.kind === 'refuse') throw new ApiError(again.code);
      // A cancelled registration signs up again.
      if (this.q.renewRegistration.run(row).changes !== 1) throw new Error(`registration ${eventId}:${studentNo} vanished`);
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

  private registrationOf(eventId: string, studentNo: string): RegistrationRecord | null {
    const row = this.q.registration.get(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  }
}
