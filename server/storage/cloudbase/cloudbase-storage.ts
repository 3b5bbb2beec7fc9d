import { ApiError } from '../../../types';
import type { Role, StudentProfile } from '../../../types';
import {
  attemptsAfterFailure,
  countersAfterCancel,
  countersAfterSignup,
  decideCancel,
  decideCorrection,
  decideScan,
  decideSignup,
  mayConfirm,
  mayPromote,
  pollOutcome,
  registrationId,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type AuditRecord,
  type BindAttempts,
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
} from '../../domain';
import type { CancelOutcome, EventFilter, SignupOutcome, StoragePort } from '../port';
import {
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
} = COLLECTIONS;
/** What a conflicted check-in answers once the attempts are used up (BUSY's own text speaks of sign-ups). */
const CHECKIN_BUSY = '签到的人太多了，请稍后再试';
/** Most audit entries one listing answers (the action's own bound), in one query. */
const AUDIT_LIST_MAX = 500;
const ACTIVE_STATUSES = ['confirmed', 'waitlisted'];

/** The registration `add` of a first sign-up failed; `cause` says why (usually: the student has one already). */
class RegistrationAddFailed extends Error {
  constructor(readonly original: unknown) {
    super('registration add failed');
    this.name = 'RegistrationAddFailed';
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
  /** Per event: the tail of this container's check-in writes to it, which run one after another (see inEventLane). */
  private readonly eventLanes = new Map<string, Promise<void>>();
  /** The millisecond of the last audit entry this container wrote, and the next sequence number within it. */
  private auditSeq = { ms: Number.NEGATIVE_INFINITY, next: 0 };

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
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const { data } = await this.db.collection(STUDENTS).where({ openid }).limit(1).get();
    return data.length ? studentFromDoc(data[0]) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const doc = await readDoc(this.db.collection(STUDENTS).doc(studentNo));
    return doc ? studentFromDoc(doc) : null;
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

  /** Two operations in one transaction: read the account's attempts, write the next state (retried on conflict). */
  async registerBindFailure(openid: string, now: Date): Promise<BindAttempts> {
    return this.withRetries(() =>
      this.db.runTransaction(async (t) => {
        const ref = t.collection(BIND_ATTEMPTS).doc(openid);
        const doc = await readDoc(ref);
        const next = attemptsAfterFailure(doc ? bindAttemptsFromDoc(openid, doc) : null, openid, now);
        await ref.set({ data: { failures: next.failures, lockedUntil: next.lockedUntil } });
        return next;
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

  async close(): Promise<void> {
    // Nothing to release: wx-server-sdk keeps no connection of its own.
  }

  /** The normal path, three operations: read the event, write its counters, add the registration. */
  private firstSignUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    return this.db.runTransaction(async (t) => {
      const event = await readEventIn(t, eventId);
      let decision = decideSignup(event, null, now);
      if (decision.kind === 'refuse' && decision.code !== 'EVENT_CANCELLED') {
        // The rules rank ALREADY_SIGNED_UP above the time and seat refusals: look before refusing (rare path).
        const doc = await readDoc(t.collection(REGISTRATIONS).doc(registrationId(eventId, studentNo)));
        decision = decideSignup(event, doc ? registrationFromDoc(doc) : null, now);
      }
      if (decision.kind === 'refuse') throw new ApiError(decision.code);

      const counters = countersAfterSignup(event, decision.kind);
      await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
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
      const decision = decideSignup(event, existing, now);
      if (decision.kind === 'refuse') throw new ApiError(decision.code);

      const counters = countersAfterSignup(event, decision.kind);
      await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
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
    const previous = this.eventLanes.get(eventId) ?? Promise.resolve();
    const result = previous.then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.eventLanes.set(eventId, tail);
    void tail.then(() => {
      if (this.eventLanes.get(eventId) === tail) this.eventLanes.delete(eventId);
    });
    return result;
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

  /** Pages through a query (`max` documents at most); one operation per page. */
  private async fetchAll(query: WxQuery, max = Number.POSITIVE_INFINITY): Promise<WxDoc[]> {
    const out: WxDoc[] = [];
    while (out.length < max) {
      const want = Math.min(this.pageSize, max - out.length);
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

async function readEventIn(t: WxTransaction, eventId: string): Promise<EventRecord> {
  const doc = await readDoc(t.collection(EVENTS).doc(eventId));
  if (!doc) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  return eventFromDoc(doc);
}

function newRegistration(
  eventId: string,
  studentNo: string,
  kind: 'confirm' | 'waitlist',
  waitlistSeq: number,
  now: Date,
  passSeq = 0,
): RegistrationRecord {
  const stamp = now.toISOString();
  return {
    id: registrationId(eventId, studentNo),
    eventId,
    studentNo,
    status: kind === 'confirm' ? 'confirmed' : 'waitlisted',
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
  kind: 'confirm' | 'waitlist',
): SignupOutcome {
  // The newest ticket is the last in line, so its place is the number now waiting.
  return { registration, event: { ...event, ...counters }, waitlistPosition: kind === 'waitlist' ? counters.waitlistCount : null };
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
