import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { Role } from '../../../types';
import type {
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
  eventFromRow,
  registrationFromRow,
  roleGrantFromRow,
  studentFromRow,
  type EventRow,
  type RoleGrantRow,
  type RegistrationRow,
  type StudentRow,
} from './rows';
import { SqliteWriteSession } from './write-session';

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
