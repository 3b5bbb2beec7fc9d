import type { Category } from '../../types';
import type { CommitteeStoragePort } from './committee-port';
import type {
  AppealRecord,
  AwardDraft,
  CreditSettings,
  LedgerEntry,
  SettlementTarget,
  TranscriptShare,
  AttendanceCounts,
  AttendanceRecord,
  CorrectionOp,
  EventAttendanceRow,
  ScanAttempt,
  ScanRecord,
  AuditDraft,
  AuditRecord,
  BindAttempts,
  BindClaim,
  BindWrite,
  EventRecord,
  LoginTicket,
  WebSession,
  EventRules,
  RegistrationRecord,
  RoleGrant,
  RosterEntry,
  StudentRecord,
} from '../../core';
import type { Role } from '../../types';

/**
 * Everything the handlers need from storage. Two adapters implement it (embedded SQLite for the local server and
 * tests, CloudBase for production) and one contract suite (tests/contract) runs against both.
 *
 * Sign-up and cancel are single port calls because each must be atomic where the data lives: the adapter asks the
 * domain core (decideSignup / decideCancel) inside its transaction and applies the decision there, so two students
 * can never take the same last seat and a failure half-way leaves nothing behind. Refusals are thrown as ApiError.
 */
export interface EventFilter {
  category?: Category;
  keyword?: string;
}

export interface SignupOutcome {
  registration: RegistrationRecord;
  /** The event's counters and rules after the sign-up (adapters may load no more of it). */
  event: EventRules;
  /** 1-based place on the waitlist, or null when confirmed. */
  waitlistPosition: number | null;
}

export interface CancelOutcome {
  registration: RegistrationRecord;
  event: EventRules;
  /** The waitlisted registration that took the freed seat, if any. */
  promoted: RegistrationRecord | null;
}

export interface StoragePort extends CommitteeStoragePort {
  findStudentByOpenid(openid: string): Promise<StudentRecord | null>;
  /** The student number bound to an openid, or null. Every call resolves its caller, so adapters read only the key. */
  studentNoByOpenid(openid: string): Promise<string | null>;
  /** Whether the roster has this student number. */
  hasStudent(studentNo: string): Promise<boolean>;
  findStudentByNo(studentNo: string): Promise<StudentRecord | null>;
  /** Roster entries by student number, read in bulk; unknown numbers are absent. */
  findStudentsByNos(studentNos: readonly string[]): Promise<StudentRecord[]>;
  listStudents(limit: number): Promise<StudentRecord[]>;

  listEvents(filter: EventFilter): Promise<EventRecord[]>;
  getEvent(eventId: string): Promise<EventRecord | null>;

  getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null>;
  /** The student's registrations that are not cancelled, newest first. */
  listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]>;
  /** 1-based place among those still waiting for the same event; null if not waitlisted. */
  waitlistPosition(registration: RegistrationRecord): Promise<number | null>;
  /** Waitlisted registrations of an event in line order (first in line first). */
  listWaitlist(eventId: string): Promise<RegistrationRecord[]>;

  signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome>;
  cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome>;

  /** Students of one league branch, by student number. */
  listStudentsOfBranch(branch: string): Promise<StudentRecord[]>;

  // Identity. Every change below writes its audit entry in the same atomic step.
  getBindAttempts(openid: string): Promise<BindAttempts | null>;
  /**
   * Takes one binding try for the account before its guess is checked (claimBindAttempt), reading and writing in one
   * atomic step: a burst of any size gets at most BIND_MAX_FAILURES grants. A refused claim writes nothing.
   */
  claimBindAttempt(openid: string, now: Date): Promise<BindClaim>;
  /** Binds an unbound student to an account with no student, and clears the account's failed attempts. */
  bindStudent(studentNo: string, openid: string, audit: AuditDraft): Promise<BindWrite>;
  /** Unbinds a student; answers the openid it was bound to, or null if it was not bound. */
  unbindStudent(studentNo: string, audit: AuditDraft): Promise<string | null>;
  rolesOf(openid: string): Promise<RoleGrant[]>;
  /** Grants (idempotent) or revokes a role; answers the account's roles afterwards. */
  grantRole(grant: RoleGrant, audit: AuditDraft): Promise<RoleGrant[]>;
  revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): Promise<RoleGrant[]>;
  /** Accounts holding any role (for the demo switch and the committee's role page). */
  listRoleGrants(): Promise<RoleGrant[]>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditRecord[]>;

  // Web login. Secrets are never stored, only their hashes.
  createLoginTicket(ticket: LoginTicket): Promise<void>;
  /** Marks a pending, unexpired ticket confirmed by this account (mayConfirm, atomically); false otherwise. */
  confirmLoginTicket(idHash: string, openid: string, now: Date): Promise<boolean>;
  /**
   * A poll: while pending answers 'pending'; a confirmed ticket is consumed (pollOutcome, atomically) and a session
   * for its account created from `session`; anything else is 'invalid'. A ticket is exchanged at most once.
   */
  exchangeLoginTicket(
    idHash: string,
    now: Date,
    session: Omit<WebSession, 'openid'>,
  ): Promise<{ outcome: 'pending' } | { outcome: 'invalid' } | { outcome: 'exchanged'; session: WebSession }>;
  getWebSession(tokenHash: string): Promise<WebSession | null>;
  revokeWebSession(tokenHash: string, now: Date): Promise<void>;

  // Check-in. Each scan is one atomic step on (event, student): no scan reads a whole registration list.
  /**
   * Issues a new check-in pass for the student's confirmed registration: increments and answers its pass sequence
   * number, which revokes every older pass. NOT_SIGNED_UP unless the registration is confirmed.
   */
  issuePassSeq(eventId: string, studentNo: string, now: Date): Promise<number>;
  getScan(scanId: string): Promise<ScanRecord | null>;
  /**
   * One scan, atomically. A scan id seen before answers its stored record with `duplicate: true` and changes nothing.
   * Otherwise: reads the event (CheckinRules), the registration and the attendance; asks `decideScan`; applies a
   * 'record' decision (attendance row + the event's checked-in/out counters); stores the scan with its outcome.
   * An unknown event is NOT_FOUND (thrown before any write).
   */
  recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): Promise<{ duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts }>;
  /**
   * An officer's correction (decideCorrection), with its audit entry in the same atomic step. A refusal is thrown
   * as ApiError with the decision's code before any write.
   */
  correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): Promise<{ attendance: AttendanceRecord; counts: AttendanceCounts }>;
  getAttendance(eventId: string, studentNo: string): Promise<AttendanceRecord | null>;
  attendanceCounts(eventId: string): Promise<AttendanceCounts | null>;
  /**
   * The event's list for officers: every confirmed registration, and everyone checked in without one (walk-ins, and
   * members whose registration was cancelled after they came), with their roster profile; by student number.
   */
  listEventAttendance(eventId: string): Promise<EventAttendanceRow[]>;
  /** Adds or removes an account from the event's check-in staff; answers the staff list afterwards. */
  setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): Promise<string[]>;

  // Credits. The ledger is append-only (no entry is ever updated or deleted) and unique by entry key.
  /** The committee's settings; the defaults (DEFAULT_CREDIT_MODULES, DEFAULT_REQUIREMENT, DEFAULT_NO_SHOW_POLICY) until set. */
  creditSettings(): Promise<CreditSettings>;
  putCreditSettings(settings: CreditSettings, audit: AuditDraft): Promise<void>;
  /**
   * Settles one source atomically: reads the student's entries of `base`, asks decideSettlement(existing, base,
   * target, by, reason, at) and appends what it answers (0–2 entries). Answers the entries appended. Two concurrent
   * settlements of one source must not both append (unique keys make the loser retry or answer []).
   */
  settleCredit(studentNo: string, base: string, target: SettlementTarget, by: string, reason: string, at: Date): Promise<LedgerEntry[]>;
  /** Appends many independent awards (bulk manual awards): each by decideAward against its own base; answers those written. */
  awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]>;
  /** The student's entries in the order they were written. */
  listLedger(studentNo: string): Promise<LedgerEntry[]>;
  /** Per student and module: sum of amounts and of hours, over the whole ledger (the committee's views and exports). */
  ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>>;
  getEventsByIds(ids: readonly string[]): Promise<EventRecord[]>;

  // Appeals
  getAppeal(id: string): Promise<AppealRecord | null>;
  /**
   * Files (or re-files after a rejection) an appeal. APPEAL_EXISTS when one is pending or accepted. Answers it.
   */
  fileAppeal(appeal: AppealRecord, audit: AuditDraft): Promise<AppealRecord>;
  /** Appeals, newest first, optionally only of these statuses / this student / these events. */
  listAppeals(filter: { status?: AppealRecord['status'][]; studentNo?: string; eventIds?: readonly string[] }): Promise<AppealRecord[]>;
  /**
   * Decides a pending appeal and, when accepted with a target, settles its credit — one atomic step with its audit
   * entry. APPEAL_DECIDED if it is no longer pending; NOT_FOUND if unknown.
   */
  decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): Promise<{ appeal: AppealRecord; entries: LedgerEntry[] }>;

  // Shared transcripts
  createShare(share: TranscriptShare): Promise<void>;
  getShare(codeHash: string): Promise<TranscriptShare | null>;
  listShares(studentNo: string): Promise<TranscriptShare[]>;
  /** Revokes the student's own share; false if unknown, not theirs, or already revoked. */
  revokeShare(shareId: string, studentNo: string, at: Date): Promise<boolean>;
  /**
   * Counts one hit on a rate-limit bucket (key + window start) atomically and answers whether it is within `limit`.
   */
  hitRateLimit(key: string, windowStart: Date, limit: number): Promise<boolean>;

  /**
   * A roster import: adds new students and updates known ones in place, never touching a binding (openid) and
   * keeping a stored second factor when the file has none. One audit entry for the whole import.
   */
  importStudents(entries: RosterEntry[], audit: AuditDraft): Promise<{ created: number; updated: number }>;

  /** Bulk load for seeding and imports: insert or replace by id. */
  putStudents(students: StudentRecord[]): Promise<void>;
  putEvents(events: EventRecord[]): Promise<void>;

  close(): Promise<void>;
}
