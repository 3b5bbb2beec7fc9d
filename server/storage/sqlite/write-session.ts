import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import {
  claimBindAttempt,
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
  needsAudienceFacts,
  type AudienceFacts,
  mayPromote,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type BindClaim,
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
  decideAward,
  decideSettlement,
  isKeyOfBase,
  type AppealRecord,
  type AwardDraft,
  type CreditSettings,
  type LedgerEntry,
  type SettlementTarget,
  type TranscriptShare,
} from '../../../core';
import type { CancelOutcome, SignupOutcome } from '../ports';
import {
  CHECKIN_RULES_COLUMNS,
  EVENT_COLUMNS,
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
  appealFromRow,
  appealToRow,
  ledgerFromRow,
  ledgerToRow,
  shareToRow,
  type AppealRow,
  type LedgerRow,
  type ShareRow,
  type AttendanceRow,
  type CheckinRulesRow,
  type EventRow,
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
      audienceFacts: db.prepare<[string], { college: string; grade: string; is_league_member: number }>(
        'SELECT college, grade, is_league_member FROM students WHERE student_no = ?',
      ),
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
      putEvent: db.prepare<[EventRow]>(
        `INSERT OR REPLACE INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
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
      putSettings: db.prepare<[string, string]>(
        `INSERT INTO credit_settings (id, settings, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      ),
      // A base's awards ('base', 'base#n') and their reversals ('rev:base…') are two ranges of the unique key index:
      // '#' sorts just before '$', so [base, base$) holds the base and its generations (and nothing of 'base1').
      ledgerOfBase: db.prepare<[{ lo: string; hi: string; revLo: string; revHi: string }], LedgerRow>(
        `SELECT * FROM ledger WHERE (key >= @lo AND key < @hi) OR (key >= @revLo AND key < @revHi) ORDER BY seq`,
      ),
      insertEntry: db.prepare<[LedgerRow]>(
        `INSERT INTO ledger (key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses,
           reason, confirmed_by, at)
         VALUES (@key, @student_no, @module, @amount, @hours_tenths, @kind, @source_type, @event_id, @rule, @reverses,
           @reason, @confirmed_by, @at)`,
      ),
      appeal: db.prepare<[string], AppealRow>('SELECT * FROM appeals WHERE id = ?'),
      putAppeal: db.prepare<[AppealRow]>(
        `INSERT INTO appeals (id, event_id, student_no, note, status, created_at, decided_at, decided_by, decision_reason)
         VALUES (@id, @event_id, @student_no, @note, @status, @created_at, @decided_at, @decided_by, @decision_reason)
         ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, student_no = excluded.student_no,
           note = excluded.note, status = excluded.status, created_at = excluded.created_at,
           decided_at = excluded.decided_at, decided_by = excluded.decided_by, decision_reason = excluded.decision_reason`,
      ),
      decideAppeal: db.prepare<[{ id: string; status: string; at: string; by: string; reason: string }]>(
        `UPDATE appeals SET status = @status, decided_at = @at, decided_by = @by, decision_reason = @reason
          WHERE id = @id AND status = 'pending'`,
      ),
      insertShare: db.prepare<[ShareRow]>(
        `INSERT INTO transcript_shares (code_hash, share_id, student_no, issued_at, revoked_at, snapshot)
         VALUES (@code_hash, @share_id, @student_no, @issued_at, @revoked_at, @snapshot)`,
      ),
      revokeShare: db.prepare<[string, string, string]>(
        'UPDATE transcript_shares SET revoked_at = ? WHERE share_id = ? AND student_no = ? AND revoked_at IS NULL',
      ),
      hit: db.prepare<[string, string], number>(
        `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      ).pluck(),
      dropOldWindows: db.prepare<[string, string]>('DELETE FROM rate_limits WHERE key = ? AND window_start < ?'),
    };
  }

  /**
   * Reads the student's registration only when it must: a first sign-up is an insert that skips an existing
   * (event, student) key, and only a key already taken (signed up before, or cancelled) costs the extra read.
   */
  private audienceFactsOf(studentNo: string): AudienceFacts | null {
    const s = this.q.audienceFacts.get(studentNo);
    return s ? { college: s.college, grade: s.grade, isLeagueMember: s.is_league_member === 1 } : null;
  }

  signUp(eventId: string, studentNo: string, now: Date): SignupOutcome {
    const event = this.eventRules(eventId);
    // Only an event with an audience rule costs the read of the student's profile.
    const student = needsAudienceFacts(event) ? this.audienceFactsOf(studentNo) : undefined;
    let decision = decideSignup(event, null, now, student);
    if (decision.kind === 'refuse') {
      // An active registration outranks every other refusal (ALREADY_SIGNED_UP says what the student needs).
      decision = decideSignup(event, this.registrationOf(eventId, studentNo), now, student);
      throw new ApiError(decision.kind === 'refuse' ? decision.code : 'INTERNAL');
    }
    // An application (approval required) holds no seat and no ticket: the counters stay as they are.
    const counters = decision.kind === 'pending' ? event : countersAfterSignup(event, decision.kind);
    const stamp = now.toISOString();
    const row: RegistrationRow = {
      event_id: eventId,
      student_no: studentNo,
      status: decision.kind === 'confirm' ? 'confirmed' : decision.kind === 'waitlist' ? 'waitlisted' : 'pending',
      waitlist_seq: decision.kind === 'waitlist' ? counters.waitlistSeq : null,
      pass_seq: 0,
      created_at: stamp,
      updated_at: stamp,
    };
    if (this.q.insertRegistration.run(row).changes === 0) {
      const again = decideSignup(event, this.registrationOf(eventId, studentNo), now, student);
      if (again.kind === 'refuse') throw new ApiError(again.code);
      // A cancelled registration signs up again, keeping its pass number.
      const renewed = this.q.renewRegistration.get(row);
      if (!renewed) throw new Error(`registration ${eventId}:${studentNo} vanished`);
      row.pass_seq = renewed.pass_seq;
    }
    if (decision.kind === 'confirm') {
      // The seat is taken by a conditional write even inside the transaction: belt and braces.
      if (this.q.takeSeat.run(eventId).changes !== 1) throw new Error(`no seat left in ${eventId} despite the check`);
    } else if (decision.kind === 'waitlist') {
      this.q.setCounters.run(counters.seatsLeft, counters.waitlistCount, counters.waitlistSeq, eventId);
    }
    return {
      registration: registrationFromRow(row),
      event: { ...event, seatsLeft: counters.seatsLeft, waitlistCount: counters.waitlistCount, waitlistSeq: counters.waitlistSeq },
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

  claimBindAttempt(openid: string, now: Date): BindClaim {
    const row = this.q.attempts.get(openid);
    const previous = row ? { openid, failures: row.failures, lockedUntil: row.locked_until } : null;
    const claim = claimBindAttempt(previous, openid, now);
    if (claim.granted) this.q.putAttempts.run(openid, claim.attempts.failures, claim.attempts.lockedUntil);
    return claim;
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

  putCreditSettings(settings: CreditSettings, audit: AuditDraft): void {
    this.q.putSettings.run(JSON.stringify(settings), audit.at);
    this.q.audit.run(audit);
  }

  /**
   * Settles one source: reads its entries by key (all of them: keys are unique across the ledger), asks
   * decideSettlement and appends its answer. Jobs run one after another inside the transaction, so a concurrent
   * settlement of the same source reads this one's entries and appends nothing.
   */
  settleCredit(studentNo: string, base: string, target: SettlementTarget, by: string, reason: string, at: Date): LedgerEntry[] {
    if (target && target.studentNo !== studentNo) throw new Error(`settlement of ${base}: draft of another student`);
    const existing = this.entriesOfBase(base, studentNo);
    return this.append(decideSettlement(existing, base, target, by, reason, at));
  }

  /** Each draft by decideAward against its own base; a base twice in one call is awarded once (the read sees the write). */
  awardMany(drafts: AwardDraft[]): LedgerEntry[] {
    const written: LedgerEntry[] = [];
    for (const draft of drafts) {
      const entry = decideAward(this.entriesOfBase(draft.base, draft.studentNo), draft);
      if (entry) written.push(...this.append([entry]));
    }
    return written;
  }

  /** Files (or re-files after a rejection) an appeal with its audit entry; APPEAL_EXISTS before any write. */
  fileAppeal(appeal: AppealRecord, audit: AuditDraft): AppealRecord {
    const row = this.q.appeal.get(appeal.id);
    if (row && row.status !== 'rejected') throw new ApiError('APPEAL_EXISTS');
    this.q.putAppeal.run(appealToRow(appeal));
    this.q.audit.run(audit);
    return appeal;
  }

  /**
   * Decides a pending appeal: its status, its credit (when accepted with a target) and its audit entry in one step.
   * Every refusal, and the settlement's decision, come before the first write.
   */
  decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): { appeal: AppealRecord; entries: LedgerEntry[] } {
    const row = this.q.appeal.get(id);
    if (!row) throw new ApiError('NOT_FOUND', '没有找到这条申诉，可能已被撤回');
    if (row.status !== 'pending') throw new ApiError('APPEAL_DECIDED');
    const settle = decision.status === 'accepted' && credit !== null && credit.target !== null;
    if (settle && credit.target!.studentNo !== row.student_no) throw new Error(`appeal ${id}: credit for another student`);
    const planned = settle
      ? decideSettlement(this.entriesOfBase(credit.base, row.student_no), credit.base, credit.target, decision.by, decision.reason, decision.at)
      : [];
    const stamp = decision.at.toISOString();
    if (this.q.decideAppeal.run({ id, status: decision.status, at: stamp, by: decision.by, reason: decision.reason }).changes !== 1) {
      throw new Error(`appeal ${id} changed under its decision`);
    }
    const entries = this.append(planned);
    this.q.audit.run(audit);
    const appeal: AppealRecord = {
      ...appealFromRow(row),
      status: decision.status,
      decidedAt: stamp,
      decidedBy: decision.by,
      decisionReason: decision.reason,
    };
    return { appeal, entries };
  }

  createShare(share: TranscriptShare): void {
    this.q.insertShare.run(shareToRow(share));
  }

  revokeShare(shareId: string, studentNo: string, at: Date): boolean {
    return this.q.revokeShare.run(at.toISOString(), shareId, studentNo).changes === 1;
  }

  /** One hit on (key, window): counted atomically; the key's earlier windows are dropped (they can no longer matter). */
  hitRateLimit(key: string, windowStart: Date, limit: number): boolean {
    const window = windowStart.toISOString();
    const count = this.q.hit.get(key, window)!;
    if (count === 1) this.q.dropOldWindows.run(key, window);
    return count <= limit;
  }

  /**
   * Every entry of a base: its awards and reversals, by the two key ranges, kept exactly by isKeyOfBase. Keys are
   * unique across the ledger, so an entry of another student under this base is a bug: refused before any write.
   */
  private entriesOfBase(base: string, studentNo: string): LedgerEntry[] {
    const rows = this.q.ledgerOfBase.all({ lo: base, hi: `${base}$`, revLo: `rev:${base}`, revHi: `rev:${base}$` });
    const entries = rows.filter((r) => isKeyOfBase(r.key, base)).map(ledgerFromRow);
    if (entries.some((e) => e.studentNo !== studentNo)) throw new Error(`ledger base ${base} belongs to another student`);
    return entries;
  }

  /** Appends entries and answers them as stored (hours in tenths; a reversal of no hours has 0, not -0). */
  private append(entries: LedgerEntry[]): LedgerEntry[] {
    return entries.map((e) => {
      const row = ledgerToRow(e);
      this.q.insertEntry.run(row);
      return ledgerFromRow(row);
    });
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
