import { createHash } from 'node:crypto';
import { ApiError } from '../../../types';
import type { Role, StudentProfile } from '../../../types';
import {
  needsAudienceFacts,
  type AudienceFacts,
  claimBindAttempt,
  countersAfterCancel,
  decideAward,
  decideSettlement,
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_REQUIREMENT,
  countersAfterSignup,
  decideCancel,
  decideCorrection,
  decideScan,
  decideSignup,
  mayConfirm,
  mayPromote,
  pollOutcome,
  registrationId,
  type AppealRecord,
  type AwardDraft,
  type CreditSettings,
  type LedgerEntry,
  type SettlementTarget,
  type TranscriptShare,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type AuditRecord,
  type BindAttempts,
  type BindClaim,
  type BindWrite,
  type CorrectionOp,
  type CounterDelta,
  type EventAttendanceRow,
  type EventRecord,
  type LoginTicket,
  type RegistrationRecord,
  type RoleGrant,
  type RosterEntry,
  type ScanAttempt,
  type ScanRecord,
  type StudentRecord,
  type WebSession,
} from '../../../core';
import type { CancelOutcome, EventFilter, SignupOutcome, StoragePort } from '../ports';
import type { DashboardAggregates, EditableEventFields, RegistrationExportRow } from '../ports';
import type { NotificationKind, OutboxMessage, PlanSettings, TeamRecord } from '../../../core';
import { CloudbaseCommittee } from './committee';
import {
  appealFromDoc,
  appealToDoc,
  CREDIT_SETTINGS_ID,
  creditSettingsFromDoc,
  creditSettingsToDoc,
  ledgerEntryFromDoc,
  ledgerEntryToDoc,
  ledgerHeadEntries,
  ledgerHeadToDoc,
  shareFromDoc,
  shareToDoc,
  attendanceFromDoc,
  attendanceId,
  attendanceToDoc,
  auditFromDoc,
  auditToDoc,
  bindAttemptsFromDoc,
  COLLECTIONS,
  eventFromDoc,
  eventToDoc,
  loginTicketFromDoc,
  loginTicketToDoc,
  registrationFromDoc,
  registrationToDoc,
  roleGrantFromDoc,
  roleGrantId,
  roleGrantToDoc,
  scanFromDoc,
  scanToDoc,
  studentFromDoc,
  studentToDoc,
  webSessionFromDoc,
  webSessionToDoc,
  withoutId,
} from './documents';
import { isDocumentMissing, isTransactionConflict, StaleReadError } from './errors';
import type { WxDatabase, WxDoc, WxDocumentRef, WxQuery, WxTransaction } from './wx-db';

export interface CloudbaseStorageOptions {
  /**
   * Attempts of one sign-up or cancel before answering BUSY (each attempt is one runTransaction). Default 12.
   * Defaults: no immediate re-runs by the SDK and a patient jittered backoff. On the stand-in (bench/cloudbase-
   * contention.mjs) that answered a burst of 200 with 0 BUSY at ~22 operations each, where the SDK's 3 immediate
   * re-runs gave 116 BUSY at ~83 operations each; the price is a slowest answer of several seconds, hence the
   * function's 20 s timeout (cloudfunctions/api/config.json).
   */
  maxAttempts?: number;
  /** `retries` handed to db.runTransaction, which re-runs the callback at once on a conflict. Default 0 (SDK: 3). */
  transactionRetries?: number;
  /** Full-jitter backoff between attempts: random(0, min(maxDelayMs, baseDelayMs · 2^(attempt-1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Documents per query page (CloudBase returns at most 100 per get by default). */
  pageSize?: number;
  /** Results per aggregation request (ledgerTotals); without a limit the server answers 20. Default 1000. */
  aggregatePageSize?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long a warm container remembers which student an openid is bound to. Default 60 s. Every call resolves its
   * caller, and CloudBase bills that look-up like any operation: remembering it keeps a sign-up at 3 operations.
   * Bindings change rarely and only by an explicit act, so a short memory bounds staleness; 0 turns it off.
   */
  identityCacheMs?: number;
  nowMs?: () => number;
}

/** Most openids a container remembers; the oldest is forgotten first. */
const IDENTITY_CACHE_LIMIT = 10_000;

const {
  events: EVENTS,
  registrations: REGISTRATIONS,
  students: STUDENTS,
  accounts: ACCOUNTS,
  bindAttempts: BIND_ATTEMPTS,
  roleGrants: ROLE_GRANTS,
  auditLog: AUDIT_LOG,
  loginTickets: LOGIN_TICKETS,
  webSessions: WEB_SESSIONS,
  attendance: ATTENDANCE,
  scans: SCANS,
  ledger: LEDGER,
  ledgerHeads: LEDGER_HEADS,
  appeals: APPEALS,
  transcriptShares: SHARES,
  rateLimits: RATE_LIMITS,
  settings: SETTINGS,
} = COLLECTIONS;
/** What a conflicted credit write answers once the attempts are used up. */
const CREDIT_BUSY = '学分记录繁忙，请稍后再试';
/** Settlements of a bulk award in flight at once (each is its own transaction on its own source). */
const AWARD_PARALLEL = 8;
/** What a conflicted check-in answers once the attempts are used up (BUSY's own text speaks of sign-ups). */
const CHECKIN_BUSY = '签到的人太多了，请稍后再试';
/** Most audit entries one listing answers (the action's own bound), in one query. */
const AUDIT_LIST_MAX = 500;
/** Registrations that are not cancelled. */
const ACTIVE_STATUSES = ['confirmed', 'waitlisted', 'pending'];

/** The registration `add` of a first sign-up failed; `cause` says why (usually: the student has one already). */
class RegistrationAddFailed extends Error {
  constructor(readonly original: unknown) {
    super('registration add failed');
    this.name = 'RegistrationAddFailed';
  }
}

/** A ledger entry's `add` failed; if the entry exists now, the source's head was stale (rare path: retried). */
class LedgerAddFailed extends Error {
  constructor(
    readonly original: unknown,
    readonly key: string,
  ) {
    super('ledger add failed');
    this.name = 'LedgerAddFailed';
  }
}

/** The scan document's `add` failed; if the scan exists now, this was a repeated scan id (rare path). */
class ScanAddFailed extends Error {
  constructor(
    readonly original: unknown,
    readonly eventAfter: EventRecord,
  ) {
    super('scan add failed');
    this.name = 'ScanAddFailed';
  }
}

/**
 * The production adapter: WeChat CloudBase's document database through wx-server-sdk (`cloud.database()` is passed
 * in, so tests hand it the stand-in of fake-wx-db.ts).
 *
 * Sign-up is one `runTransaction` of three document operations on the normal path: read the event, write its
 * counters, add the registration whose `_id` is `${eventId}:${studentNo}`. The deterministic id makes a second
 * registration of the same student impossible without a unique index: its `add` fails, and only then (rare path)
 * does the adapter read the registration to tell "already signed up" from "signing up again after cancelling".
 * Cancel finds the first in line by a query (queries cannot be part of a transaction), then re-reads and writes
 * event, own registration and candidate by id inside one transaction. Every document a transaction reads is also
 * written by it, so CloudBase's write-conflict detection makes each transaction serialisable.
 *
 * Conflicts: runTransaction re-runs its callback itself; on top of that the adapter retries a conflicted or stale
 * attempt with jittered backoff and answers BUSY after `maxAttempts`. Refusals are thrown as ApiError.
 *
 * Identity follows the same pattern: binding, unbinding, granting and revoking are each one transaction of `doc(id)`
 * operations plus the audit entry's `add` (see documents.ts for the collections). "One student per account" is the
 * key of `accounts/<openid>`, "one account per student" the student document's `openid`; a binding writes both, so
 * racing bindings conflict and the loser re-runs and is refused. The caller is still resolved by a query on
 * `students.openid` (one operation), the student document being the source of truth.
 *
 * Check-in follows it too: a scan or a correction is one transaction on the event, the member's registration and
 * `attendance/<eventId>:<studentNo>` (read by id; the decision is decideScan / decideCorrection), writing the
 * attendance, the event's counters (`_.inc`) and `scans/<scanId>` or the audit entry. A container runs its check-in
 * writes to one event one at a time, since they all write that event's counters (docs/cloudbase.md, "Check-in").
 *
 * Credits: the ledger (`ledger/<entry key>`) is append-only and each source has a head (`ledgerHeads/<base>`) holding
 * a copy of its entries, so a settlement is one transaction that reads one document by id, asks decideSettlement and
 * adds the entries with the head, whatever the student's ledger holds (docs/cloudbase.md, "Credits").
 *
 * The committee's tools (publishing, applications, teams, outbox, consents, dashboard, exports) live in committee.ts
 * and share this adapter's database, retry policy, audit ids and lanes (docs/cloudbase.md, "The committee's tools").
 */
export class CloudbaseStorage implements StoragePort {
  private readonly maxAttempts: number;
  private readonly transactionRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pageSize: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly identityCacheMs: number;
  private readonly nowMs: () => number;
  private readonly boundStudents = new Map<string, { studentNo: string; until: number }>();
  /**
   * Per lane (an event's check-in writes, a credit source's settlements, a rate-limit bucket): the tail of this
   * container's writes to it, which run one after another (see inLane).
   */
  private readonly lanes = new Map<string, Promise<void>>();
  /** The last ledger `seq` this container wrote (see nextLedgerSeq). */
  private ledgerSeq = 0;
  /** Groups per aggregation request (ledgerTotals). */
  private readonly aggregatePageSize: number;
  /** The millisecond of the last audit entry this container wrote, and the next sequence number within it. */
  private auditSeq = { ms: Number.NEGATIVE_INFINITY, next: 0 };
  /** The committee's tools (committee.ts), sharing this adapter's database, retry policy and helpers. */
  private readonly committee: CloudbaseCommittee;

  constructor(
    private readonly db: WxDatabase,
    options: CloudbaseStorageOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 12;
    this.identityCacheMs = options.identityCacheMs ?? 60_000;
    this.nowMs = options.nowMs ?? Date.now;
    this.transactionRetries = options.transactionRetries ?? 0;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.pageSize = options.pageSize ?? 100;
    this.aggregatePageSize = options.aggregatePageSize ?? 1000;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.committee = new CloudbaseCommittee({
      db,
      transactionRetries: this.transactionRetries,
      pageSize: this.pageSize,
      aggregatePageSize: this.aggregatePageSize,
      withRetries: (attempt, busyMessage) => this.withRetries(attempt, busyMessage),
      addAudit: (t, audit) => this.addAudit(t, audit),
      fetchAll: (query, max, pageSize) => this.fetchAll(query, max, pageSize),
      fetchByIds: (collection, ids) => this.fetchByIds(collection, ids),
      inLane: (lane, run) => this.inLane(lane, run),
    });
  }

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const { data } = await this.db.collection(STUDENTS).where({ openid }).limit(1).get();
    return data.length ? studentFromDoc(data[0]) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const doc = await readDoc(this.db.collection(STUDENTS).doc(studentNo));
    return doc ? studentFromDoc(doc) : null;
  }

  /** One query per 100 numbers (`_id` in …). */
  async findStudentsByNos(studentNos: readonly string[]): Promise<StudentRecord[]> {
    return (await this.fetchByIds(STUDENTS, [...new Set(studentNos)])).map(studentFromDoc);
  }

  async studentNoByOpenid(openid: string): Promise<string | null> {
    const now = this.nowMs();
    const known = this.boundStudents.get(openid);
    if (known && known.until > now) return known.studentNo;
    const studentNo = (await this.findStudentByOpenid(openid))?.studentNo ?? null;
    if (studentNo) this.remember(openid, studentNo, now);
    return studentNo;
  }

  async hasStudent(studentNo: string): Promise<boolean> {
    return (await readDoc(this.db.collection(STUDENTS).doc(studentNo))) !== null;
  }

  async listStudents(limit: number): Promise<StudentRecord[]> {
    const docs = await this.fetchAll(this.db.collection(STUDENTS).orderBy('studentNo', 'asc'), limit);
    return docs.map(studentFromDoc);
  }

  /**
   * Category and order are asked of the database; the keyword (a substring of title, organizer, tag or location,
   * like the SQLite adapter's instr) is matched here: a semester has tens of events, one page.
   */
  async listEvents(filter: EventFilter): Promise<EventRecord[]> {
    const events = this.db.collection(EVENTS);
    const query = filter.category ? events.where({ category: filter.category }) : events;
    const all = (await this.fetchAll(query.orderBy('startAt', 'asc'))).map(eventFromDoc);
    const keyword = filter.keyword;
    if (!keyword) return all;
    return all.filter((e) => [e.title, e.organizer, e.tag, e.location].some((text) => text.includes(keyword)));
  }

  async getEvent(eventId: string): Promise<EventRecord | null> {
    const doc = await readDoc(this.db.collection(EVENTS).doc(eventId));
    return doc ? eventFromDoc(doc) : null;
  }

  async getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
    const doc = await readDoc(this.db.collection(REGISTRATIONS).doc(registrationId(eventId, studentNo)));
    return doc ? registrationFromDoc(doc) : null;
  }

  async listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]> {
    const _ = this.db.command;
    const query = this.db
      .collection(REGISTRATIONS)
      .where({ studentNo, status: _.in(ACTIVE_STATUSES) })
      .orderBy('createdAt', 'desc');
    return (await this.fetchAll(query)).map(registrationFromDoc);
  }

  async waitlistPosition(registration: RegistrationRecord): Promise<number | null> {
    if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return null;
    const _ = this.db.command;
    const { total } = await this.db
      .collection(REGISTRATIONS)
      .where({ eventId: registration.eventId, status: 'waitlisted', waitlistSeq: _.lt(registration.waitlistSeq) })
      .count();
    return total + 1;
  }

  async listWaitlist(eventId: string): Promise<RegistrationRecord[]> {
    return (await this.fetchAll(this.waitingLine(eventId))).map(registrationFromDoc);
  }

  async signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    let hasRegistration = false;
    return this.withRetries(async () => {
      if (!hasRegistration) {
        try {
          return await this.firstSignUp(eventId, studentNo, now);
        } catch (error) {
          if (!(error instanceof RegistrationAddFailed)) throw error;
          // Rare path: the add failed. If the registration exists, the student signed up before; else it was a
          // real failure, and the transaction has already undone the counters.
          const existing = await this.getRegistration(eventId, studentNo);
          if (!existing) throw error.original;
          if (existing.status !== 'cancelled') throw new ApiError('ALREADY_SIGNED_UP');
          hasRegistration = true;
        }
      }
      return this.signUpAgain(eventId, studentNo, now);
    });
  }

  async cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome> {
    const id = registrationId(eventId, studentNo);
    return this.withRetries(async () => {
      // Queries are not transactional, so the first in line is looked up before and re-checked by id inside.
      const { data } = await this.waitingLine(eventId).limit(1).get();
      const candidateId = data.length ? String(data[0]._id) : null;
      return this.db.runTransaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const ownDoc = await readDoc(t.collection(REGISTRATIONS).doc(id));
        const registration = ownDoc ? registrationFromDoc(ownDoc) : null;
        const decision = decideCancel(event, registration, now);
        if (decision.kind === 'refuse') throw new ApiError(decision.code);
        const own = registration as RegistrationRecord;
        const stamp = now.toISOString();
        if (own.status === 'pending') {
          // An application held no seat and no ticket: withdrawing it changes no counter and promotes nobody.
          await t.collection(REGISTRATIONS).doc(id).update({ data: { status: 'cancelled', updatedAt: stamp } });
          return { registration: { ...own, status: 'cancelled' as const, updatedAt: stamp }, event, promoted: null };
        }

        let promoted: RegistrationRecord | null = null;
        if (decision.freesSeat && mayPromote(event, now) && event.waitlistCount > 0) {
          if (!candidateId || candidateId === id) throw new StaleReadError('the waitlist changed');
          const candidateDoc = await readDoc(t.collection(REGISTRATIONS).doc(candidateId));
          if (!candidateDoc || candidateDoc.status !== 'waitlisted') throw new StaleReadError('the first in line changed');
          promoted = { ...registrationFromDoc(candidateDoc), status: 'confirmed', updatedAt: stamp };
          await t.collection(REGISTRATIONS).doc(candidateId).update({ data: { status: 'confirmed', updatedAt: stamp } });
        }
        await t.collection(REGISTRATIONS).doc(id).update({ data: { status: 'cancelled', updatedAt: stamp } });
        const counters = countersAfterCancel(event, own, promoted !== null);
        await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
        return {
          registration: { ...own, status: 'cancelled', updatedAt: stamp },
          event: { ...event, ...counters },
          promoted,
        };
      }, this.transactionRetries);
    });
  }

  async listStudentsOfBranch(branch: string): Promise<StudentRecord[]> {
    const query = this.db.collection(STUDENTS).where({ branch }).orderBy('studentNo', 'asc');
    return (await this.fetchAll(query)).map(studentFromDoc);
  }

  async getBindAttempts(openid: string): Promise<BindAttempts | null> {
    const doc = await readDoc(this.db.collection(BIND_ATTEMPTS).doc(openid));
    return doc ? bindAttemptsFromDoc(openid, doc) : null;
  }

  /**
   * Two operations in one transaction: read the account's attempts, write the next state (retried on conflict; a
   * burst on one account conflicts on its document, so the claims are taken one at a time). A refused claim writes
   * nothing (1 operation).
   */
  async claimBindAttempt(openid: string, now: Date): Promise<BindClaim> {
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const ref = t.collection(BIND_ATTEMPTS).doc(openid);
        const doc = await readDoc(ref);
        const claim = claimBindAttempt(doc ? bindAttemptsFromDoc(openid, doc) : null, openid, now);
        if (claim.granted) await ref.set({ data: { failures: claim.attempts.failures, lockedUntil: claim.attempts.lockedUntil } });
        return claim;
      }, this.transactionRetries),
    );
  }

  /**
   * One transaction, six operations when it binds: read the student and the account (`accounts/<openid>`), write
   * the student's openid, the account's student, clear the account's failed attempts, add the audit entry. Both
   * sides of the binding are written, so two accounts racing for one student, or one account for two students,
   * conflict and the loser re-runs and is refused. Refusals write nothing. Same ranking as SQLite: an account that
   * has a student is ALREADY_BOUND even when the student it asks for is taken too.
   */
  async bindStudent(studentNo: string, openid: string, audit: AuditDraft): Promise<BindWrite> {
    const outcome = await this.withRetries(() =>
      this.db.runTransaction(async (t): Promise<BindWrite> => {
        const studentDoc = await readDoc(t.collection(STUDENTS).doc(studentNo));
        if (!studentDoc) return 'not_found';
        const current = studentFromDoc(studentDoc).openid;
        if (current === openid) return 'account_bound';
        const accountDoc = await readDoc(t.collection(ACCOUNTS).doc(openid));
        if (await this.accountHoldsOtherStudent(t, accountDoc, openid, studentNo)) return 'account_bound';
        if (current !== null) return 'student_taken';

        await t.collection(STUDENTS).doc(studentNo).update({ data: { openid } });
        await t.collection(ACCOUNTS).doc(openid).set({ data: { studentNo, boundAt: audit.at } });
        await t.collection(BIND_ATTEMPTS).doc(openid).remove();
        await this.addAudit(t, audit);
        return 'bound';
      }, this.transactionRetries),
    );
    if (outcome === 'bound') this.remember(openid, studentNo, this.nowMs());
    return outcome;
  }

  /**
   * One transaction: read the student; if bound, clear its openid, remove the account's document (when it names
   * this student) and add the audit entry. Not bound: null, nothing written. This container forgets the account at
   * once; other warm containers within `identityCacheMs`.
   */
  async unbindStudent(studentNo: string, audit: AuditDraft): Promise<string | null> {
    const previous = await this.withRetries(() =>
      this.db.runTransaction(async (t): Promise<string | null> => {
        const studentDoc = await readDoc(t.collection(STUDENTS).doc(studentNo));
        const openid = studentDoc ? studentFromDoc(studentDoc).openid : null;
        if (!openid) return null;
        await t.collection(STUDENTS).doc(studentNo).update({ data: { openid: null } });
        const accountDoc = await readDoc(t.collection(ACCOUNTS).doc(openid));
        if (accountDoc && (accountDoc.studentNo === studentNo || typeof accountDoc.studentNo !== 'string')) {
          await t.collection(ACCOUNTS).doc(openid).remove();
        }
        await this.addAudit(t, audit);
        return openid;
      }, this.transactionRetries),
    );
    if (previous) this.boundStudents.delete(previous);
    return previous;
  }

  async rolesOf(openid: string): Promise<RoleGrant[]> {
    const query = this.db.collection(ROLE_GRANTS).where({ openid }).orderBy('role', 'asc').orderBy('scope', 'asc');
    return (await this.fetchAll(query)).map(roleGrantFromDoc);
  }

  /**
   * Idempotent, as SQLite's INSERT … ON CONFLICT DO NOTHING: a transaction reads `roleGrants/<openid:role:scope>`;
   * only if it is missing does it write the grant and the audit entry (a repeated grant keeps the first grant's
   * grantor and time and writes no entry). Then the account's roles (one query).
   */
  async grantRole(grant: RoleGrant, audit: AuditDraft): Promise<RoleGrant[]> {
    const id = roleGrantId(grant.openid, grant.role, grant.scope);
    await this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        if (await readDoc(t.collection(ROLE_GRANTS).doc(id))) return;
        await t.collection(ROLE_GRANTS).doc(id).set({ data: roleGrantToDoc(grant) });
        await this.addAudit(t, audit);
      }, this.transactionRetries),
    );
    return this.rolesOf(grant.openid);
  }

  /** Removes the grant and adds the audit entry in one transaction; a grant that does not exist writes nothing. */
  async revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): Promise<RoleGrant[]> {
    const id = roleGrantId(openid, role, scope);
    await this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        if (!(await readDoc(t.collection(ROLE_GRANTS).doc(id)))) return;
        await t.collection(ROLE_GRANTS).doc(id).remove();
        await this.addAudit(t, audit);
      }, this.transactionRetries),
    );
    return this.rolesOf(openid);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    const query = this.db.collection(ROLE_GRANTS).orderBy('role', 'asc').orderBy('scope', 'asc').orderBy('openid', 'asc');
    return (await this.fetchAll(query)).map(roleGrantFromDoc);
  }

  /** Newest first (`at`, then `id`), up to 500 in one query. */
  async listAudit(limit: number): Promise<AuditRecord[]> {
    const max = Math.max(1, Math.min(Math.floor(limit) || 1, AUDIT_LIST_MAX));
    const { data } = await this.db.collection(AUDIT_LOG).orderBy('at', 'desc').orderBy('id', 'desc').limit(max).get();
    return data.map(auditFromDoc);
  }

  /** One operation: `loginTickets/<idHash>` (the hash is of a fresh random secret, so it names no other ticket). */
  async createLoginTicket(ticket: LoginTicket): Promise<void> {
    await this.db.collection(LOGIN_TICKETS).doc(ticket.idHash).set({ data: loginTicketToDoc(ticket) });
  }

  /**
   * One transaction: read the ticket; if it may be confirmed (pending, unexpired), write `confirmed` and the account.
   * Two confirmations racing for one ticket both write it, so they conflict: the loser re-runs, finds it confirmed
   * and answers false. A refusal writes nothing.
   */
  async confirmLoginTicket(idHash: string, openid: string, now: Date): Promise<boolean> {
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const ref = t.collection(LOGIN_TICKETS).doc(idHash);
        const doc = await readDoc(ref);
        if (!mayConfirm(doc ? loginTicketFromDoc(doc) : null, now)) return false;
        await ref.update({ data: { status: 'confirmed', openid } });
        return true;
      }, this.transactionRetries),
    );
  }

  /**
   * A browser's poll, the most frequent call of web login (every second or two while the QR code is shown), so it
   * first reads the ticket outside any transaction (1 operation): 'pending' and 'invalid' are answered from that read
   * (a pending ticket confirmed a moment later is seen by the next poll; missing, expired and consumed are final).
   * Only a confirmed ticket opens a transaction, which reads it again and, if it is still to be exchanged, marks it
   * consumed and writes `webSessions/<tokenHash>`. Two polls racing for one ticket both write it, so they conflict:
   * the loser is retried, reads it consumed and answers 'invalid' — a ticket is exchanged at most once.
   */
  async exchangeLoginTicket(
    idHash: string,
    now: Date,
    draft: Omit<WebSession, 'openid'>,
  ): Promise<{ outcome: 'pending' } | { outcome: 'invalid' } | { outcome: 'exchanged'; session: WebSession }> {
    return this.withRetries(async () => {
      const seen = await readDoc(this.db.collection(LOGIN_TICKETS).doc(idHash));
      const first = pollOutcome(seen ? loginTicketFromDoc(seen) : null, now);
      if (first !== 'exchange') return { outcome: first };
      return this.db.runTransaction(async (t) => {
        const ref = t.collection(LOGIN_TICKETS).doc(idHash);
        const doc = await readDoc(ref);
        const ticket = doc ? loginTicketFromDoc(doc) : null;
        const outcome = pollOutcome(ticket, now);
        if (outcome !== 'exchange') return { outcome };
        const session: WebSession = { ...draft, openid: ticket!.openid as string };
        await ref.update({ data: { status: 'consumed' } });
        await t.collection(WEB_SESSIONS).doc(session.tokenHash).set({ data: webSessionToDoc(session) });
        return { outcome: 'exchanged' as const, session };
      }, this.transactionRetries);
    });
  }

  async getWebSession(tokenHash: string): Promise<WebSession | null> {
    const doc = await readDoc(this.db.collection(WEB_SESSIONS).doc(tokenHash));
    return doc ? webSessionFromDoc(doc) : null;
  }

  /** One operation; an unknown token updates nothing (no error). */
  async revokeWebSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.collection(WEB_SESSIONS).doc(tokenHash).update({ data: { revokedAt: now.toISOString() } });
  }

  // ---- check-in ----

  /**
   * One transaction, 2 operations: read the registration, write its next pass number. Only a confirmed registration
   * gets a pass (NOT_SIGNED_UP otherwise, nothing written).
   */
  async issuePassSeq(eventId: string, studentNo: string, now: Date): Promise<number> {
    void now; // the pass's own times are the caller's; the registration keeps its updatedAt
    const id = registrationId(eventId, studentNo);
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const doc = await readDoc(t.collection(REGISTRATIONS).doc(id));
        const registration = doc ? registrationFromDoc(doc) : null;
        if (registration?.status !== 'confirmed') throw new ApiError('NOT_SIGNED_UP');
        const next = registration.passSeq + 1;
        await t.collection(REGISTRATIONS).doc(id).update({ data: { passSeq: next } });
        return next;
      }, this.transactionRetries),
    );
  }

  async getScan(scanId: string): Promise<ScanRecord | null> {
    const doc = await readDoc(this.db.collection(SCANS).doc(scanId));
    return doc ? scanFromDoc(doc) : null;
  }

  /**
   * One transaction of `doc(id)` operations and one `add`; 6 operations for a scan that records a check-in or out:
   * read the event, the registration and the attendance (`attendance/<eventId>:<studentNo>`), set the attendance,
   * `_.inc` the event's counter, add `scans/<scanId>`. A scan that changes nothing (already, refused) writes only
   * the scan: 4 operations. The scan document's `_id` is the scan id, so a scan id seen before cannot be stored twice:
   * its `add` fails, and only then (rare path) is the scan read, outside the transaction (scans are never changed or
   * deleted, so its existence is stable) and answered with `duplicate: true` and the counts the transaction read;
   * the transaction has undone the rest. A repeat costs 5 operations; reading the scan first would make every new
   * scan cost 7 instead of 6, which pays only if more than a third of the scans were repeats (offline batches are
   * uploaded again only when an answer was lost). Counts need no query: registered = capacity − seatsLeft, and the
   * check-in counters are on the event.
   */
  async recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): Promise<{ duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts }> {
    const { scanId, eventId, attempt, offline } = input;
    const attemptScan = () =>
      this.db.runTransaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const registration = await this.readRegistrationIn(t, eventId, attempt.studentNo);
        const attendanceRef = t.collection(ATTENDANCE).doc(attendanceId(eventId, attempt.studentNo));
        const attendanceDoc = await readDoc(attendanceRef);
        const attendance = attendanceDoc ? attendanceFromDoc(attendanceDoc) : null;
        const decision = decideScan(event, registration, attendance, attempt, now);
        let after = event;
        if (decision.kind === 'record') {
          await attendanceRef.set({ data: attendanceToDoc(decision.attendance) });
          await this.addToCounters(t, eventId, decision.delta);
          after = withDelta(event, decision.delta);
        }
        const scan: ScanRecord = {
          scanId,
          eventId,
          studentNo: attempt.studentNo,
          purpose: attempt.purpose,
          scannedAt: attempt.at.toISOString(),
          receivedAt: now.toISOString(),
          by: attempt.by,
          offline,
          outcome:
            decision.kind === 'refuse'
              ? { status: 'refused', code: decision.code, attendance: null }
              : { status: decision.kind === 'record' ? 'recorded' : 'already', code: null, attendance: decision.attendance },
        };
        try {
          await t.collection(SCANS).add({ data: { _id: scanId, ...scanToDoc(scan) } });
        } catch (error) {
          if (isTransactionConflict(error)) throw error;
          throw new ScanAddFailed(error, event);
        }
        return { duplicate: false, scan, counts: countsOf(after) };
      }, this.transactionRetries);
    try {
      return await this.inEventLane(eventId, () => this.withRetries(attemptScan, CHECKIN_BUSY));
    } catch (error) {
      if (!(error instanceof ScanAddFailed)) throw error;
      const seen = await this.getScan(scanId);
      if (!seen) throw error.original;
      return { duplicate: true, scan: seen, counts: countsOf(error.eventAfter) };
    }
  }

  /**
   * One transaction, 6 operations: read event, registration and attendance; set the attendance, `_.inc` the event's
   * counters, add the audit entry. A refusal (decideCorrection) is thrown before any write.
   */
  async correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): Promise<{ attendance: AttendanceRecord; counts: AttendanceCounts }> {
    const { eventId, studentNo, op, at, by } = input;
    const attemptCorrection = () =>
      this.db.runTransaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const registration = await this.readRegistrationIn(t, eventId, studentNo);
        const attendanceRef = t.collection(ATTENDANCE).doc(attendanceId(eventId, studentNo));
        const attendanceDoc = await readDoc(attendanceRef);
        const current = attendanceDoc ? attendanceFromDoc(attendanceDoc) : null;
        const decision = decideCorrection(event, registration, current, { op, studentNo, at, by }, now);
        if (decision.kind === 'refuse') throw new ApiError(decision.code);
        await attendanceRef.set({ data: attendanceToDoc(decision.attendance) });
        await this.addToCounters(t, eventId, decision.delta);
        await this.addAudit(t, audit);
        return { attendance: decision.attendance, counts: countsOf(withDelta(event, decision.delta)) };
      }, this.transactionRetries);
    return this.inEventLane(eventId, () => this.withRetries(attemptCorrection, CHECKIN_BUSY));
  }

  async getAttendance(eventId: string, studentNo: string): Promise<AttendanceRecord | null> {
    const doc = await readDoc(this.db.collection(ATTENDANCE).doc(attendanceId(eventId, studentNo)));
    return doc ? attendanceFromDoc(doc) : null;
  }

  /** One read of the event: the counters live on it. */
  async attendanceCounts(eventId: string): Promise<AttendanceCounts | null> {
    const event = await this.getEvent(eventId);
    return event ? countsOf(event) : null;
  }

  /**
   * Queries, no transaction: the confirmed registrations (by `_id`, i.e. by student number within the event) and
   * the attendance of the event, a page (100) per operation each; the registrations of those who have attendance but
   * no confirmed registration, and the roster profiles, by `_id` in batches of 100 (`_.in`), one operation each.
   * About 2 + 3·⌈n/100⌉ operations for n people. A student missing from the roster is left out.
   */
  async listEventAttendance(eventId: string): Promise<EventAttendanceRow[]> {
    const [confirmedDocs, attendanceDocs] = await Promise.all([
      this.fetchAll(this.db.collection(REGISTRATIONS).where({ eventId, status: 'confirmed' }).orderBy('_id', 'asc')),
      this.fetchAll(this.db.collection(ATTENDANCE).where({ eventId }).orderBy('_id', 'asc')),
    ]);
    const registrations = new Map(confirmedDocs.map(registrationFromDoc).map((r) => [r.studentNo, r] as const));
    const attendance = new Map(attendanceDocs.map(attendanceFromDoc).map((a) => [a.studentNo, a] as const));
    // Those who are not confirmed count only while checked in (a walk-in whose check-in was undone drops out).
    for (const [no, a] of attendance) if (!registrations.has(no) && !a.checkedInAt) attendance.delete(no);
    const others = [...attendance.keys()].filter((no) => !registrations.has(no));
    for (const doc of await this.fetchByIds(REGISTRATIONS, others.map((no) => registrationId(eventId, no)))) {
      const r = registrationFromDoc(doc);
      registrations.set(r.studentNo, r);
    }
    const studentNos = [...new Set([...registrations.keys(), ...attendance.keys()])].sort();
    const students = new Map((await this.fetchByIds(STUDENTS, studentNos)).map(studentFromDoc).map((s) => [s.studentNo, s] as const));
    const rows: EventAttendanceRow[] = [];
    for (const no of studentNos) {
      const student = students.get(no);
      if (!student) continue;
      const registration = registrations.get(no) ?? null;
      rows.push({
        student: profileOf(student),
        registration: registration && { status: registration.status, passSeq: registration.passSeq },
        attendance: attendance.get(no) ?? null,
      });
    }
    return rows;
  }

  /**
   * One transaction: read the event, write its `staffOpenids` (replaced whole, `_.set`) and add the audit entry
   * (3 operations). Adding someone already on the list, or removing someone not on it, writes nothing.
   */
  async setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): Promise<string[]> {
    const _ = this.db.command;
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const staff = [...event.staffOpenids];
        const has = staff.includes(openid);
        if (has === assigned) return staff;
        const next = assigned ? [...staff, openid] : staff.filter((o) => o !== openid);
        await t.collection(EVENTS).doc(eventId).update({ data: { staffOpenids: _.set(next) } });
        await this.addAudit(t, audit);
        return next;
      }, this.transactionRetries),
    );
  }


  // ---- credits ----

  async creditSettings(): Promise<CreditSettings> {
    const defaults = structuredClone({ modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: DEFAULT_NO_SHOW_POLICY });
    const doc = await readDoc(this.db.collection(SETTINGS).doc(CREDIT_SETTINGS_ID));
    return doc ? creditSettingsFromDoc(doc, defaults) : defaults;
  }

  /** One transaction: replace `settings/credits` whole and add the audit entry (2 operations). */
  async putCreditSettings(settings: CreditSettings, audit: AuditDraft): Promise<void> {
    await this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        await t.collection(SETTINGS).doc(CREDIT_SETTINGS_ID).set({ data: creditSettingsToDoc(settings) });
        await this.addAudit(t, audit);
      }, this.transactionRetries),
    );
  }

  /**
   * One transaction on the source's head (`ledgerHeads/<base>`, which holds a copy of the source's entries): read
   * it, ask decideSettlement, add the entries it answers to `ledger` (their `_id` is their key) and write the head
   * with them. 1 operation when nothing changes, 3 for a first award or a reversal, 4 for a reversal and the next
   * award. Two settlements of one source both write its head, so they conflict and the loser re-runs, sees the
   * entries and answers what is still needed (usually nothing). This container runs its settlements of one source
   * one after another.
   */
  async settleCredit(
    studentNo: string,
    base: string,
    target: SettlementTarget,
    by: string,
    reason: string,
    at: Date,
  ): Promise<LedgerEntry[]> {
    return this.settleInOwnTransaction(studentNo, base, (existing) => decideSettlement(existing, base, target, by, reason, at));
  }

  /**
   * Each draft is one settlement of its own source (decideAward: only a source with no active award gets one), up
   * to 8 in flight; drafts of one base run in the order given, so the first of them wins. Answers the entries
   * written, in the order of the drafts.
   */
  async awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]> {
    const written: Array<LedgerEntry | null> = drafts.map(() => null);
    await this.inPool(drafts.map((draft, i) => ({ draft, i })), AWARD_PARALLEL, async ({ draft, i }) => {
      const [entry] = await this.settleInOwnTransaction(draft.studentNo, draft.base, (existing) => {
        const award = decideAward(existing, draft);
        return award ? [award] : [];
      });
      written[i] = entry ?? null;
    });
    return written.filter((e): e is LedgerEntry => e !== null);
  }

  /** By `seq` (the order written), a page of 100 per operation. */
  async listLedger(studentNo: string): Promise<LedgerEntry[]> {
    const query = this.db.collection(LEDGER).where({ studentNo }).orderBy('seq', 'asc').orderBy('_id', 'asc');
    return (await this.fetchAll(query)).map(ledgerEntryFromDoc);
  }

  /**
   * One aggregation per 1000 (student, module) groups: `group` by student and module summing amounts and hours,
   * sorted so that pages are stable. Modules that net to zero are answered with 0. Hours are summed in tenths (the
   * unit stays are measured in), like summarize.
   */
  async ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>> {
    const $ = this.db.command.aggregate;
    const out: Array<{ studentNo: string; module: string; amount: number; hours: number }> = [];
    for (let offset = 0; ; offset += this.aggregatePageSize) {
      // A new pipeline per page: the SDK's stage methods append to one shared pipeline.
      let pipeline = this.db
        .collection(LEDGER)
        .aggregate()
        .group({ _id: { studentNo: '$studentNo', module: '$module' }, amount: $.sum('$amount'), hours: $.sum('$hours') })
        .sort({ '_id.studentNo': 1, '_id.module': 1 });
      if (offset > 0) pipeline = pipeline.skip(offset);
      const { list } = await pipeline.limit(this.aggregatePageSize).end();
      for (const row of list) {
        const id = (row._id ?? {}) as unknown as { studentNo: string; module: string };
        out.push({
          studentNo: id.studentNo,
          module: id.module,
          amount: Number(row.amount ?? 0),
          hours: Math.round(Number(row.hours ?? 0) * 10) / 10,
        });
      }
      if (list.length < this.aggregatePageSize) break;
    }
    return out;
  }

  /** By `_id` in batches of 100 (`_.in`); unknown ids are left out; in the order asked. */
  async getEventsByIds(ids: readonly string[]): Promise<EventRecord[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const byId = new Map((await this.fetchByIds(EVENTS, unique)).map(eventFromDoc).map((e) => [e.id, e] as const));
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  // ---- appeals ----

  async getAppeal(id: string): Promise<AppealRecord | null> {
    const doc = await readDoc(this.db.collection(APPEALS).doc(id));
    return doc ? appealFromDoc(doc) : null;
  }

  /**
   * One transaction: read `appeals/<id>`; a pending or accepted one is APPEAL_EXISTS (nothing written); else
   * replace it (a re-filing after a rejection) and add the audit entry: 3 operations.
   */
  async fileAppeal(appeal: AppealRecord, audit: AuditDraft): Promise<AppealRecord> {
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const ref = t.collection(APPEALS).doc(appeal.id);
        const doc = await readDoc(ref);
        if (doc && appealFromDoc(doc).status !== 'rejected') throw new ApiError('APPEAL_EXISTS');
        await ref.set({ data: appealToDoc(appeal) });
        await this.addAudit(t, audit);
        return appeal;
      }, this.transactionRetries),
    );
  }

  /**
   * Queries, newest first (`createdAt` desc, then `_id`): status, student and events as conditions; events in
   * batches of 100 (`_.in`), merged.
   */
  async listAppeals(filter: {
    status?: AppealRecord['status'][];
    studentNo?: string;
    eventIds?: readonly string[];
  }): Promise<AppealRecord[]> {
    const _ = this.db.command;
    if (filter.status && !filter.status.length) return [];
    if (filter.eventIds && !filter.eventIds.length) return [];
    const condition: Record<string, unknown> = {};
    if (filter.status) condition.status = _.in(filter.status);
    if (filter.studentNo !== undefined) condition.studentNo = filter.studentNo;
    const eventBatches: Array<string[] | null> = [];
    if (filter.eventIds) {
      const ids = [...new Set(filter.eventIds)];
      for (let i = 0; i < ids.length; i += this.pageSize) eventBatches.push(ids.slice(i, i + this.pageSize));
    } else eventBatches.push(null);
    const appeals: AppealRecord[] = [];
    for (const batch of eventBatches) {
      const where = batch ? { ...condition, eventId: _.in(batch) } : condition;
      const collection = this.db.collection(APPEALS);
      const query = (Object.keys(where).length ? collection.where(where) : collection).orderBy('createdAt', 'desc').orderBy('_id', 'asc');
      appeals.push(...(await this.fetchAll(query)).map(appealFromDoc));
    }
    if (eventBatches.length > 1) appeals.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
    return appeals;
  }

  /**
   * One transaction: read the appeal (NOT_FOUND; APPEAL_DECIDED unless pending), settle its credit when accepted
   * with one (the source's head, as settleCredit), write the decision, add the audit entry. Accepted with a first
   * award: 6 operations; rejected: 3. Two officers deciding at once both write the appeal, so they conflict and the
   * one who re-runs finds it decided.
   */
  async decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): Promise<{ appeal: AppealRecord; entries: LedgerEntry[] }> {
    const { status, by, reason, at } = decision;
    return this.withRetries(
      this.retryingStaleLedger(() =>
        this.db.runTransaction(async (t) => {
          const ref = t.collection(APPEALS).doc(id);
          const doc = await readDoc(ref);
          if (!doc) throw new ApiError('NOT_FOUND', '没有找到这条申诉，请刷新后再试');
          const current = appealFromDoc(doc);
          if (current.status !== 'pending') throw new ApiError('APPEAL_DECIDED');
          const fields = { status, decidedAt: at.toISOString(), decidedBy: by, decisionReason: reason };
          const entries =
            credit && status === 'accepted'
              ? await this.settleIn(t, current.studentNo, credit.base, (existing) =>
                  decideSettlement(existing, credit.base, credit.target, by, reason, at),
                )
              : [];
          await ref.update({ data: fields });
          await this.addAudit(t, audit);
          return { appeal: { ...current, ...fields }, entries };
        }, this.transactionRetries),
      ),
      CREDIT_BUSY,
    );
  }

  // ---- shared transcripts ----

  /** One `add`: `transcriptShares/<codeHash>`. */
  async createShare(share: TranscriptShare): Promise<void> {
    await this.db.collection(SHARES).add({ data: { _id: share.codeHash, ...shareToDoc(share) } });
  }

  /** One read by `_id` (the code's hash): what a verification costs. */
  async getShare(codeHash: string): Promise<TranscriptShare | null> {
    const doc = await readDoc(this.db.collection(SHARES).doc(codeHash));
    return doc ? shareFromDoc(doc) : null;
  }

  async listShares(studentNo: string): Promise<TranscriptShare[]> {
    const query = this.db.collection(SHARES).where({ studentNo }).orderBy('issuedAt', 'desc').orderBy('_id', 'asc');
    return (await this.fetchAll(query)).map(shareFromDoc);
  }

  /**
   * One conditional update, atomic on its own: the student's share with this id that is not revoked yet gets
   * `revokedAt`. Updated nothing: unknown, someone else's, or revoked already (a second revocation racing the first
   * finds the condition false).
   */
  async revokeShare(shareId: string, studentNo: string, at: Date): Promise<boolean> {
    const { stats } = await this.db
      .collection(SHARES)
      .where({ shareId, studentNo, revokedAt: null })
      .update({ data: { revokedAt: at.toISOString() } });
    return stats.updated > 0;
  }

  /**
   * One transaction on `rateLimits/<sha256(key|window)>`: read the count; below the limit, count the hit (`_.inc`,
   * or create the bucket): 2 operations; at the limit, answer false and write nothing (1). Hashing the key keeps
   * whatever the key holds (a client address from a header) out of the document id. Hits of one bucket in this
   * container run one after another; a bucket so contended that the attempts run out answers false (limited).
   */
  async hitRateLimit(key: string, windowStart: Date, limit: number): Promise<boolean> {
    const _ = this.db.command;
    const window = windowStart.toISOString();
    const id = createHash('sha256').update(`${key}|${window}`).digest('hex');
    try {
      return await this.inLane(`rate:${id}`, () =>
        this.withRetries(() =>
          this.db.runTransaction(async (t) => {
            const ref = t.collection(RATE_LIMITS).doc(id);
            const doc = await readDoc(ref);
            const count = doc && typeof doc.count === 'number' ? doc.count : 0;
            if (count >= limit) return false;
            if (doc) await ref.update({ data: { count: _.inc(1) } });
            else await ref.set({ data: { key, windowStart: window, count: 1 } });
            return true;
          }, this.transactionRetries),
        ),
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BUSY') return false;
      throw error;
    }
  }

  /**
   * Insert or replace by id (seeding and imports). Not one transaction: each document is written on its own. A
   * student with an openid also gets its `accounts/<openid>` document, so binding sees that account as taken. (An
   * account document left behind by a replaced binding is stale, and bindStudent / unbindStudent recognise it as
   * such by reading the student it names.)
   */
  /**
   * Updates known students field by field (the binding is not among the fields, so it cannot be lost) and sets the
   * new ones: 1 operation per known student, 2 per new one, and one audit entry. Idempotent, so a failed import can
   * simply be run again.
   */
  async importStudents(entries: RosterEntry[], audit: AuditDraft): Promise<{ created: number; updated: number }> {
    this.boundStudents.clear();
    let created = 0;
    await this.inBatches(entries, async (e) => {
      const { secondFactorHash, ...fields } = e;
      const data = secondFactorHash === null ? fields : { ...fields, secondFactorHash };
      const { stats } = await this.db.collection(STUDENTS).doc(e.studentNo).update({ data });
      if (stats.updated === 0 && !(await readDoc(this.db.collection(STUDENTS).doc(e.studentNo)))) {
        await this.db.collection(STUDENTS).doc(e.studentNo).set({ data: withoutId(studentToDoc({ ...e, openid: null })) });
        created++;
      }
    });
    await this.db.collection(AUDIT_LOG).add({ data: auditToDoc(this.nextAuditId(audit.at), audit) });
    return { created, updated: entries.length - created };
  }

  async putStudents(students: StudentRecord[]): Promise<void> {
    this.boundStudents.clear(); // a roster change here must not be hidden by this container's memory
    await this.inBatches(students, async (s) => {
      const doc = studentToDoc(s);
      await this.db.collection(STUDENTS).doc(doc._id).set({ data: withoutId(doc) });
      if (s.openid) await this.db.collection(ACCOUNTS).doc(s.openid).set({ data: { studentNo: s.studentNo, boundAt: null } });
    });
  }

  async putEvents(events: EventRecord[]): Promise<void> {
    await this.inBatches(events, (e) => {
      const doc = eventToDoc(e);
      return this.db.collection(EVENTS).doc(doc._id).set({ data: withoutId(doc) });
    });
  }

  // ---- the committee's tools (committee.ts) ----

  createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord> {
    return this.committee.createEvent(event, audit);
  }

  updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord> {
    return this.committee.updateEventFields(eventId, fields, audit);
  }

  changeEventStatus(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): Promise<EventRecord> {
    return this.committee.changeEventStatus(eventId, action, reason, audit);
  }

  listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]> {
    return this.committee.listRegistrationsOfEvent(eventId, statuses);
  }

  decideApplication(
    eventId: string,
    studentNo: string,
    approve: boolean,
    now: Date,
    audit: AuditDraft,
  ): Promise<{ registration: RegistrationRecord; event: EventRecord }> {
    return this.committee.decideApplication(eventId, studentNo, approve, now, audit);
  }

  createTeam(team: TeamRecord): Promise<TeamRecord> {
    return this.committee.createTeam(team);
  }

  getTeam(teamId: string): Promise<TeamRecord | null> {
    return this.committee.getTeam(teamId);
  }

  findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null> {
    return this.committee.findTeamByJoinCode(joinCode);
  }

  teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null> {
    return this.committee.teamOfStudent(eventId, studentNo);
  }

  listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]> {
    return this.committee.listTeams(filter);
  }

  joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord> {
    return this.committee.joinTeam(joinCode, studentNo, now);
  }

  leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord> {
    return this.committee.leaveTeam(teamId, studentNo, now);
  }

  updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): Promise<TeamRecord> {
    return this.committee.updateTeam(teamId, by, patch, now);
  }

  signUpTeam(teamId: string, by: string, now: Date): Promise<TeamRecord> {
    return this.committee.signUpTeam(teamId, by, now);
  }

  submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): Promise<TeamRecord> {
    return this.committee.submitTeamReport(teamId, by, report, now);
  }

  reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord> {
    return this.committee.reviewTeam(teamId, approve, by, reason, now, audit);
  }

  enqueueNotifications(messages: OutboxMessage[]): Promise<number> {
    return this.committee.enqueueNotifications(messages);
  }

  dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]> {
    return this.committee.dueNotifications(now, limit);
  }

  countDueNotifications(now: Date): Promise<number> {
    return this.committee.countDueNotifications(now);
  }

  skipNotifications(keys: readonly string[], reason: string): Promise<void> {
    return this.committee.skipNotifications(keys, reason);
  }

  consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>> {
    return this.committee.consentsLeft(pairs);
  }

  saveNotification(message: OutboxMessage): Promise<void> {
    return this.committee.saveNotification(message);
  }

  listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]> {
    return this.committee.listOutbox(filter);
  }

  addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number> {
    return this.committee.addConsent(studentNo, kind, accepted);
  }

  consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean> {
    return this.committee.consumeConsent(studentNo, kind);
  }

  consents(studentNo: string): Promise<Record<NotificationKind, number>> {
    return this.committee.consents(studentNo);
  }

  dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates> {
    return this.committee.dashboardAggregates(from, to, college);
  }

  planSettings(): Promise<PlanSettings> {
    return this.committee.planSettings();
  }

  putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void> {
    return this.committee.putPlanSettings(settings, audit);
  }

  listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]> {
    return this.committee.listRegistrationsForExport(filter);
  }

  listEventsToClose(now: Date): Promise<EventRecord[]> {
    return this.committee.listEventsToClose(now);
  }

  listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]> {
    return this.committee.listEventsStartingWithin(now, leadMs);
  }

  async close(): Promise<void> {
    // Nothing to release: wx-server-sdk keeps no connection of its own.
  }

  /** The normal path, three operations: read the event, write its counters, add the registration. */
  private firstSignUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    return this.db.runTransaction(async (t) => {
      const event = await readEventIn(t, eventId);
      const student = await audienceFactsIn(t, event, studentNo);
      let decision = decideSignup(event, null, now, student);
      if (decision.kind === 'refuse' && decision.code !== 'EVENT_CANCELLED') {
        // The rules rank ALREADY_SIGNED_UP above the time and seat refusals: look before refusing (rare path).
        const doc = await readDoc(t.collection(REGISTRATIONS).doc(registrationId(eventId, studentNo)));
        decision = decideSignup(event, doc ? registrationFromDoc(doc) : null, now, student);
      }
      if (decision.kind === 'refuse') throw new ApiError(decision.code);

      // An application (approval required) holds no seat and no ticket: the event is not written (2 operations).
      const counters = decision.kind === 'pending' ? countersOf(event) : countersAfterSignup(event, decision.kind);
      if (decision.kind !== 'pending') await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
      const registration = newRegistration(eventId, studentNo, decision.kind, counters.waitlistSeq, now);
      try {
        await t.collection(REGISTRATIONS).add({ data: registrationToDoc(registration) });
      } catch (error) {
        if (isTransactionConflict(error)) throw error;
        throw new RegistrationAddFailed(error);
      }
      return outcomeOfSignup(registration, event, counters, decision.kind);
    }, this.transactionRetries);
  }

  /** A student who has a registration document (cancelled) signs up again: event and registration by id. */
  private signUpAgain(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    const id = registrationId(eventId, studentNo);
    return this.db.runTransaction(async (t) => {
      const event = await readEventIn(t, eventId);
      const doc = await readDoc(t.collection(REGISTRATIONS).doc(id));
      const existing = doc ? registrationFromDoc(doc) : null;
      const decision = decideSignup(event, existing, now, await audienceFactsIn(t, event, studentNo));
      if (decision.kind === 'refuse') throw new ApiError(decision.code);

      const counters = decision.kind === 'pending' ? countersOf(event) : countersAfterSignup(event, decision.kind);
      if (decision.kind !== 'pending') await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
      // Signing up again keeps the pass number, so passes revoked before the cancel stay revoked.
      const registration = newRegistration(eventId, studentNo, decision.kind, counters.waitlistSeq, now, existing?.passSeq ?? 0);
      if (existing) {
        await t.collection(REGISTRATIONS).doc(id).update({ data: withoutId(registrationToDoc(registration)) });
      } else {
        await t.collection(REGISTRATIONS).add({ data: registrationToDoc(registration) });
      }
      return outcomeOfSignup(registration, event, counters, decision.kind);
    }, this.transactionRetries);
  }

  /**
   * Whether `accounts/<openid>` binds the account to a student other than `studentNo`. The account document is the
   * lock; the student it names is the truth: if that student no longer names this openid (a binding replaced by a
   * roster import), the document is stale and the account is free. The extra read happens only on that rare path.
   */
  private async accountHoldsOtherStudent(
    t: WxTransaction,
    accountDoc: WxDoc | null,
    openid: string,
    studentNo: string,
  ): Promise<boolean> {
    const held = accountDoc && typeof accountDoc.studentNo === 'string' ? accountDoc.studentNo : null;
    if (held === null || held === studentNo) return false;
    const heldDoc = await readDoc(t.collection(STUDENTS).doc(held));
    return heldDoc !== null && studentFromDoc(heldDoc).openid === openid;
  }

  /**
   * The audit entry, added in the caller's transaction. CloudBase has no autoincrement (and a shared counter document
   * would make every audited change conflict with every other), so the numeric id is the entry's millisecond times
   * 1000 plus a sequence: within a container it grows with each entry of the same millisecond (newest first holds);
   * it starts at a random 0..499 for each new millisecond, so two containers writing in the same millisecond
   * rarely (≈1/500) pick the same id. The `_id` is the database's own, always unique.
   */
  private async addAudit(t: WxTransaction, audit: AuditDraft): Promise<void> {
    await t.collection(AUDIT_LOG).add({ data: auditToDoc(this.nextAuditId(audit.at), audit) });
  }

  private nextAuditId(at: string): number {
    const ms = Date.parse(at);
    if (!Number.isFinite(ms)) throw new Error(`audit entry with an invalid time: ${at}`);
    if (ms > this.auditSeq.ms) this.auditSeq = { ms, next: Math.floor(this.random() * 500) };
    const k = Math.min(this.auditSeq.next++, 999);
    return ms * 1000 + k;
  }

  private remember(openid: string, studentNo: string, now: number): void {
    if (this.identityCacheMs <= 0) return;
    this.boundStudents.delete(openid);
    this.boundStudents.set(openid, { studentNo, until: now + this.identityCacheMs });
    if (this.boundStudents.size > IDENTITY_CACHE_LIMIT) this.boundStudents.delete(this.boundStudents.keys().next().value!);
  }

  /**
   * Runs this container's check-in writes to one event one after another. Each of them writes the event's counters,
   * so two of them in flight at once always conflict and one re-runs after a backoff: on the stand-in, a batch of
   * 200 offline scans uploaded with 8 in flight cost 14.6 operations a scan, some answered BUSY, and took no less
   * time than one at a time (6.0 operations a scan). Containers still race each other; the retries handle that.
   */
  private inEventLane<T>(eventId: string, run: () => Promise<T>): Promise<T> {
    return this.inLane(`event:${eventId}`, run);
  }

  /** Runs `run` after this container's earlier work in the same lane has settled (succeeded or failed). */
  private inLane<T>(lane: string, run: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const result = previous.then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(lane, tail);
    void tail.then(() => {
      if (this.lanes.get(lane) === tail) this.lanes.delete(lane);
    });
    return result;
  }


  /** A settlement in its own transaction, in the source's lane, retried; a stale head is re-read. */
  private settleInOwnTransaction(
    studentNo: string,
    base: string,
    decide: (existing: LedgerEntry[]) => LedgerEntry[],
  ): Promise<LedgerEntry[]> {
    const attempt = this.retryingStaleLedger(() =>
      this.db.runTransaction((t) => this.settleIn(t, studentNo, base, decide), this.transactionRetries),
    );
    return this.inLane(`ledger:${base}`, () => this.withRetries(attempt, CREDIT_BUSY));
  }

  /**
   * Inside a transaction: read the source's head, decide, add the entries (each `_id` its key) and write the head
   * with them. The head is written only with its entries, in the same transaction, so it always holds them all.
   */
  private async settleIn(
    t: WxTransaction,
    studentNo: string,
    base: string,
    decide: (existing: LedgerEntry[]) => LedgerEntry[],
  ): Promise<LedgerEntry[]> {
    const headRef = t.collection(LEDGER_HEADS).doc(base);
    const existing = ledgerHeadEntries(await readDoc(headRef));
    const entries = decide(existing);
    if (!entries.length) return [];
    for (const entry of entries) {
      try {
        await t.collection(LEDGER).add({ data: ledgerEntryToDoc(entry, this.nextLedgerSeq()) });
      } catch (error) {
        if (isTransactionConflict(error)) throw error;
        throw new LedgerAddFailed(error, entry.key);
      }
    }
    await headRef.set({ data: ledgerHeadToDoc(studentNo, [...existing, ...entries]) });
    return entries;
  }

  /**
   * A ledger `add` that failed because its key exists means another settlement of the source committed first (on
   * CloudBase a concurrent insert may surface as a duplicate key rather than a conflict): retry with a fresh head.
   * Any other failure is rethrown.
   */
  private retryingStaleLedger<T>(attempt: () => Promise<T>): () => Promise<T> {
    return async () => {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof LedgerAddFailed)) throw error;
        if (await readDoc(this.db.collection(LEDGER).doc(error.key))) throw new StaleReadError('the ledger of the source changed');
        throw error.original;
      }
    };
  }

  /**
   * The order entries are written in, without a shared counter (which every settlement would conflict on): the
   * microsecond-scaled wall clock plus a random 0..499 for a new millisecond, and always above this container's
   * last. Within a container strictly increasing; across containers ordered by their clocks.
   */
  private nextLedgerSeq(): number {
    const fresh = Date.now() * 1000 + Math.floor(this.random() * 500);
    this.ledgerSeq = Math.max(this.ledgerSeq + 1, fresh);
    return this.ledgerSeq;
  }

  /** Runs `work` over `items` with at most `width` in flight. */
  private async inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  }

  /** `_.inc` of the event's check-in counters that change (the transaction has read the event, so it knows them). */
  private async addToCounters(t: WxTransaction, eventId: string, delta: CounterDelta): Promise<void> {
    const _ = this.db.command;
    const data: Record<string, unknown> = {};
    if (delta.checkedIn) data.checkedInCount = _.inc(delta.checkedIn);
    if (delta.checkedOut) data.checkedOutCount = _.inc(delta.checkedOut);
    if (Object.keys(data).length) await t.collection(EVENTS).doc(eventId).update({ data });
  }

  private async readRegistrationIn(t: WxTransaction, eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
    const doc = await readDoc(t.collection(REGISTRATIONS).doc(registrationId(eventId, studentNo)));
    return doc ? registrationFromDoc(doc) : null;
  }

  /** Documents by `_id`, a page of ids per operation (`_.in`); missing ones are simply absent. */
  private async fetchByIds(collection: string, ids: string[]): Promise<WxDoc[]> {
    const _ = this.db.command;
    const out: WxDoc[] = [];
    for (let i = 0; i < ids.length; i += this.pageSize) {
      const batch = ids.slice(i, i + this.pageSize);
      const { data } = await this.db.collection(collection).where({ _id: _.in(batch) }).limit(batch.length).get();
      out.push(...data);
    }
    return out;
  }

  private waitingLine(eventId: string): WxQuery {
    return this.db.collection(REGISTRATIONS).where({ eventId, status: 'waitlisted' }).orderBy('waitlistSeq', 'asc');
  }

  private async withRetries<T>(attempt: () => Promise<T>, busyMessage?: string): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransactionConflict(error) && !(error instanceof StaleReadError)) throw error;
        if (n >= this.maxAttempts) throw new ApiError('BUSY', busyMessage);
        const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1));
        await this.sleep(Math.floor(this.random() * cap));
      }
    }
  }

  /** Pages through a query (`max` documents at most); one operation per page (`pageSize`, at most 1000). */
  private async fetchAll(query: WxQuery, max = Number.POSITIVE_INFINITY, pageSize = this.pageSize): Promise<WxDoc[]> {
    const out: WxDoc[] = [];
    while (out.length < max) {
      const want = Math.min(pageSize, max - out.length);
      const page = (out.length ? query.skip(out.length) : query).limit(want);
      const { data } = await page.get();
      out.push(...data);
      if (data.length < want) break;
    }
    return out;
  }

  private async inBatches<T>(items: T[], write: (item: T) => Promise<unknown>, width = 20): Promise<void> {
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(write));
  }
}

/** `doc(id).get()` as a document or null, whatever the database's `throwOnNotFound` setting. */
async function readDoc(ref: WxDocumentRef): Promise<WxDoc | null> {
  try {
    const { data } = await ref.get();
    if (Array.isArray(data)) return (data[0] as WxDoc | undefined) ?? null;
    return data ?? null;
  } catch (error) {
    if (isDocumentMissing(error)) return null;
    throw error;
  }
}

/** An event with an audience rule reads the student's profile (one more operation); open events cost nothing. */
async function audienceFactsIn(t: WxTransaction, event: EventRecord, studentNo: string): Promise<AudienceFacts | null | undefined> {
  if (!needsAudienceFacts(event)) return undefined;
  const doc = await readDoc(t.collection(COLLECTIONS.students).doc(studentNo));
  return doc ? studentFromDoc(doc) : null;
}

async function readEventIn(t: WxTransaction, eventId: string): Promise<EventRecord> {
  const doc = await readDoc(t.collection(EVENTS).doc(eventId));
  if (!doc) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  return eventFromDoc(doc);
}

function newRegistration(
  eventId: string,
  studentNo: string,
  kind: 'confirm' | 'waitlist' | 'pending',
  waitlistSeq: number,
  now: Date,
  passSeq = 0,
): RegistrationRecord {
  const stamp = now.toISOString();
  return {
    id: registrationId(eventId, studentNo),
    eventId,
    studentNo,
    status: kind === 'confirm' ? 'confirmed' : kind === 'waitlist' ? 'waitlisted' : 'pending',
    waitlistSeq: kind === 'waitlist' ? waitlistSeq : null,
    passSeq,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

function outcomeOfSignup(
  registration: RegistrationRecord,
  event: EventRecord,
  counters: Pick<EventRecord, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'>,
  kind: 'confirm' | 'waitlist' | 'pending',
): SignupOutcome {
  // The newest ticket is the last in line, so its place is the number now waiting.
  return { registration, event: { ...event, ...counters }, waitlistPosition: kind === 'waitlist' ? counters.waitlistCount : null };
}

function countersOf(event: EventRecord): Pick<EventRecord, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'> {
  return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount, waitlistSeq: event.waitlistSeq };
}

function countsOf(event: Pick<EventRecord, 'capacity' | 'seatsLeft' | 'checkedInCount' | 'checkedOutCount'>): AttendanceCounts {
  return { registered: event.capacity - event.seatsLeft, checkedIn: event.checkedInCount, checkedOut: event.checkedOutCount };
}

function withDelta(event: EventRecord, delta: CounterDelta): EventRecord {
  return { ...event, checkedInCount: event.checkedInCount + delta.checkedIn, checkedOutCount: event.checkedOutCount + delta.checkedOut };
}

function profileOf(s: StudentRecord): StudentProfile {
  return {
    studentNo: s.studentNo,
    name: s.name,
    college: s.college,
    className: s.className,
    branch: s.branch,
    grade: s.grade,
    isLeagueMember: s.isLeagueMember,
  };
}
