import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import {
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_REQUIREMENT,
  type AppealRecord,
  type AwardDraft,
  type CreditSettings,
  type LedgerEntry,
  type SettlementTarget,
  type TranscriptShare,
  type AttendanceCounts,
  type AttendanceRecord,
  type CorrectionOp,
  type EventAttendanceRow,
  type ScanAttempt,
  type ScanRecord,
  type AuditDraft,
  type AuditRecord,
  type BindAttempts,
  type BindClaim,
  type BindWrite,
  type EventRecord,
  type LoginTicket,
  type RegistrationRecord,
  type RoleGrant,
  type RosterEntry,
  type StudentRecord,
  type WebSession,
  type NotificationKind,
  type OutboxMessage,
  type PlanSettings,
  type TeamRecord,
} from '../../../core';
import type { CancelOutcome, EventFilter, SignupOutcome, StoragePort } from '../ports';
import type { DashboardAggregates, EditableEventFields, RegistrationExportRow } from '../ports';
import { SqliteCommitteeReads } from './committee-reads';
import { SqliteCommitteeSession } from './committee-session';
import { SqliteDashboard } from './dashboard-query';
import { GroupCommitter } from './group-commit';
import { openDatabase, type Synchronous } from './open-database';
import {
  appealFromRow,
  attendanceFromRow,
  eventFromRow,
  ledgerFromRow,
  shareFromRow,
  type AppealRow,
  type LedgerRow,
  type ShareRow,
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
  private readonly committee: SqliteCommitteeSession;
  private readonly committeeReads: SqliteCommitteeReads;
  private readonly dashboard: SqliteDashboard;
  private readonly q;

  constructor(options: SqliteOptions) {
    this.db = openDatabase(options.file, options.synchronous ?? 'FULL');
    this.session = new SqliteWriteSession(this.db);
    this.committee = new SqliteCommitteeSession(this.db);
    this.committeeReads = new SqliteCommitteeReads(this.db);
    this.dashboard = new SqliteDashboard(this.db);
    // The session throws ApiError only before a job's first write, so such a refusal needs no rollback.
    this.committer = new GroupCommitter(this.db, { isCleanRefusal: (e) => e instanceof ApiError });
    const db = this.db;
    this.q = {
      studentByOpenid: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE openid = ?'),
      studentByNo: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no = ?'),
      studentsByNos: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no IN (SELECT value FROM json_each(?))'),
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
      settings: db.prepare<[], string>('SELECT settings FROM credit_settings WHERE id = 1').pluck(),
      ledgerOfStudent: db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE student_no = ? ORDER BY seq'),
      // One pass over the ledger, grouped: backs the committee's views and the export of a whole college.
      ledgerTotals: db.prepare<[], { student_no: string; module: string; amount: number; hours_tenths: number }>(
        `SELECT student_no, module, sum(amount) AS amount, sum(hours_tenths) AS hours_tenths
           FROM ledger GROUP BY student_no, module`,
      ),
      eventsByIds: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))'),
      appeal: db.prepare<[string], AppealRow>('SELECT * FROM appeals WHERE id = ?'),
      share: db.prepare<[string], ShareRow>('SELECT * FROM transcript_shares WHERE code_hash = ?'),
      sharesOf: db.prepare<[string], ShareRow>(
        'SELECT * FROM transcript_shares WHERE student_no = ? ORDER BY issued_at DESC, share_id DESC',
      ),
    };
  }

  /** listAppeals statements by which filters are set (eight at most), prepared on first use. */
  private readonly appealQueries = new Map<string, Database.Statement<Record<string, string>, AppealRow>>();

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const row = this.q.studentByOpenid.get(openid);
    return row ? studentFromRow(row) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const row = this.q.studentByNo.get(studentNo);
    return row ? studentFromRow(row) : null;
  }
  async findStudentsByNos(studentNos: readonly string[]): Promise<StudentRecord[]> {
    if (studentNos.length === 0) return [];
    return this.q.studentsByNos.all(JSON.stringify([...new Set(studentNos)])).map(studentFromRow);
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

  claimBindAttempt(openid: string, now: Date): Promise<BindClaim> {
    return this.committer.run(() => this.session.claimBindAttempt(openid, now));
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

  async creditSettings(): Promise<CreditSettings> {
    const stored = this.q.settings.get();
    if (stored !== undefined) return JSON.parse(stored) as CreditSettings;
    // A copy (through JSON: the weapp tests' jsdom has no structuredClone): a caller that edits what it got must not
    // change the defaults.
    return JSON.parse(
      JSON.stringify({ modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: DEFAULT_NO_SHOW_POLICY }),
    ) as CreditSettings;
  }

  putCreditSettings(settings: CreditSettings, audit: AuditDraft): Promise<void> {
    return this.committer.run(() => this.session.putCreditSettings(settings, audit));
  }

  settleCredit(studentNo: string, base: string, target: SettlementTarget, by: string, reason: string, at: Date): Promise<LedgerEntry[]> {
    return this.committer.run(() => this.session.settleCredit(studentNo, base, target, by, reason, at));
  }

  awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]> {
    if (drafts.length === 0) return Promise.resolve([]);
    return this.committer.run(() => this.session.awardMany(drafts));
  }

  async listLedger(studentNo: string): Promise<LedgerEntry[]> {
    return this.q.ledgerOfStudent.all(studentNo).map(ledgerFromRow);
  }

  async ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>> {
    return this.q.ledgerTotals.all().map((r) => ({ studentNo: r.student_no, module: r.module, amount: r.amount, hours: r.hours_tenths / 10 }));
  }

  async getEventsByIds(ids: readonly string[]): Promise<EventRecord[]> {
    if (ids.length === 0) return [];
    return this.q.eventsByIds.all(JSON.stringify(ids)).map(eventFromRow);
  }

  async getAppeal(id: string): Promise<AppealRecord | null> {
    const row = this.q.appeal.get(id);
    return row ? appealFromRow(row) : null;
  }

  fileAppeal(appeal: AppealRecord, audit: AuditDraft): Promise<AppealRecord> {
    return this.committer.run(() => this.session.fileAppeal(appeal, audit));
  }

  async listAppeals(filter: { status?: AppealRecord['status'][]; studentNo?: string; eventIds?: readonly string[] }): Promise<AppealRecord[]> {
    if (filter.status?.length === 0 || filter.eventIds?.length === 0) return [];
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.status) {
      where.push('status IN (SELECT value FROM json_each(@status))');
      params.status = JSON.stringify(filter.status);
    }
    if (filter.studentNo !== undefined) {
      where.push('student_no = @studentNo');
      params.studentNo = filter.studentNo;
    }
    if (filter.eventIds) {
      where.push('event_id IN (SELECT value FROM json_each(@eventIds))');
      params.eventIds = JSON.stringify(filter.eventIds);
    }
    const sql = `SELECT * FROM appeals${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC`;
    let statement = this.appealQueries.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, string>, AppealRow>(sql);
      this.appealQueries.set(sql, statement);
    }
    return statement.all(params).map(appealFromRow);
  }

  decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): Promise<{ appeal: AppealRecord; entries: LedgerEntry[] }> {
    return this.committer.run(() => this.session.decideAppeal(id, decision, credit, audit));
  }

  createShare(share: TranscriptShare): Promise<void> {
    return this.committer.run(() => this.session.createShare(share));
  }

  async getShare(codeHash: string): Promise<TranscriptShare | null> {
    const row = this.q.share.get(codeHash);
    return row ? shareFromRow(row) : null;
  }

  async listShares(studentNo: string): Promise<TranscriptShare[]> {
    return this.q.sharesOf.all(studentNo).map(shareFromRow);
  }

  revokeShare(shareId: string, studentNo: string, at: Date): Promise<boolean> {
    return this.committer.run(() => this.session.revokeShare(shareId, studentNo, at));
  }

  hitRateLimit(key: string, windowStart: Date, limit: number): Promise<boolean> {
    return this.committer.run(() => this.session.hitRateLimit(key, windowStart, limit));
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

  // The committee's tools (issue 6): writes are jobs of SqliteCommitteeSession, reads plain statements.

  createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord> {
    return this.committer.run(() => this.committee.createEvent(event, audit));
  }

  updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord> {
    return this.committer.run(() => this.committee.updateEventFields(eventId, fields, audit));
  }

  changeEventStatus(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): Promise<EventRecord> {
    return this.committer.run(() => this.committee.changeEventStatus(eventId, action, reason, audit));
  }

  async listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]> {
    return this.committeeReads.listRegistrationsOfEvent(eventId, statuses);
  }

  decideApplication(eventId: string, studentNo: string, approve: boolean, now: Date, audit: AuditDraft): Promise<{ registration: RegistrationRecord; event: EventRecord }> {
    return this.committer.run(() => this.committee.decideApplication(eventId, studentNo, approve, now, audit));
  }

  createTeam(team: TeamRecord): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.createTeam(team));
  }

  async getTeam(teamId: string): Promise<TeamRecord | null> {
    return this.committeeReads.getTeam(teamId);
  }

  async findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null> {
    return this.committeeReads.findTeamByJoinCode(joinCode);
  }

  async teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null> {
    return this.committeeReads.teamOfStudent(eventId, studentNo);
  }

  async listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]> {
    return this.committeeReads.listTeams(filter);
  }

  joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.joinTeam(joinCode, studentNo, now));
  }

  leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.leaveTeam(teamId, studentNo, now));
  }

  updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.updateTeam(teamId, by, patch, now));
  }

  signUpTeam(teamId: string, by: string, now: Date): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.signUpTeam(teamId, by, now));
  }

  submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.submitTeamReport(teamId, by, report, now));
  }

  reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord> {
    return this.committer.run(() => this.committee.reviewTeam(teamId, approve, by, reason, now, audit));
  }

  enqueueNotifications(messages: OutboxMessage[]): Promise<number> {
    if (messages.length === 0) return Promise.resolve(0);
    return this.committer.run(() => this.committee.enqueueNotifications(messages));
  }

  async dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]> {
    return this.committeeReads.dueNotifications(now, limit);
  }

  async countDueNotifications(now: Date): Promise<number> {
    return this.committeeReads.countDueNotifications(now);
  }

  skipNotifications(keys: readonly string[], reason: string): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    return this.committer.run(() => this.committee.skipNotifications(keys, reason));
  }

  async consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>> {
    return this.committeeReads.consentsLeft(pairs);
  }

  saveNotification(message: OutboxMessage): Promise<void> {
    return this.committer.run(() => this.committee.saveNotification(message));
  }

  async listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]> {
    return this.committeeReads.listOutbox(filter);
  }

  addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number> {
    return this.committer.run(() => this.committee.addConsent(studentNo, kind, accepted));
  }

  consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean> {
    return this.committer.run(() => this.committee.consumeConsent(studentNo, kind));
  }

  async consents(studentNo: string): Promise<Record<NotificationKind, number>> {
    return this.committeeReads.consents(studentNo);
  }

  async dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates> {
    return this.dashboard.aggregates(from, to, college);
  }

  async planSettings(): Promise<PlanSettings> {
    return this.committeeReads.planSettings();
  }

  putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void> {
    return this.committer.run(() => this.committee.putPlanSettings(settings, audit));
  }

  async listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]> {
    return this.committeeReads.listRegistrationsForExport(filter);
  }

  async listEventsToClose(now: Date): Promise<EventRecord[]> {
    return this.committeeReads.listEventsToClose(now);
  }

  async listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]> {
    return this.committeeReads.listEventsStartingWithin(now, leadMs);
  }

  async close(): Promise<void> {
    this.committer.close();
    this.db.close();
  }
}
