import { ApiError } from '../../../types';
import type { Category } from '../../../types';
import {
  decideJoin,
  decideLeave,
  decideReportSubmission,
  decideReview,
  signupWindowRefusal,
  decideTeamSignup,
  DEFAULT_PLAN_ITEMS,
  DEFAULT_TARGETS,
  mayTransition,
  NOTIFICATION_KINDS,
  registrationId,
  statusAfter,
  type AuditDraft,
  type EventRecord,
  type NotificationKind,
  type OutboxMessage,
  type PlanSettings,
  type RegistrationRecord,
  type StudentRecord,
  type TeamLimits,
  type TeamRecord,
} from '../../../core';
import type { NotificationsPort, PublishingPort, ReportsPort, TeamsPort, DashboardAggregates, EditableEventFields, RegistrationExportRow } from '../ports';
import {
  attendanceFromDoc,
  attendanceId,
  COLLECTIONS,
  consentId,
  consentsFromDocs,
  eventFromDoc,
  eventToDoc,
  outboxFromDoc,
  outboxToDoc,
  PLAN_SETTINGS_ID,
  registrationFromDoc,
  registrationToDoc,
  studentFromDoc,
  teamFromDoc,
  teamMemberId,
  teamToDoc,
} from './documents';
import { isDocumentMissing, isTransactionConflict, StaleReadError } from './errors';
import type { WxDatabase, WxDoc, WxDocumentRef, WxQuery, WxTransaction } from './wx-db';

const {
  events: EVENTS,
  registrations: REGISTRATIONS,
  students: STUDENTS,
  attendance: ATTENDANCE,
  settings: SETTINGS,
  teams: TEAMS,
  teamMembers: TEAM_MEMBERS,
  teamCodes: TEAM_CODES,
  outbox: OUTBOX,
  consents: CONSENTS,
} = COLLECTIONS;

/**
 * Most members a team may have, whatever its event says (the input schema allows 50): a team's sign-up is one
 * transaction of 2 operations per member plus 4, so this bounds it at 104.
 */
export const TEAM_SIZE_BOUND = 50;

/** Shanghai is UTC+8 all year (no daylight saving): the dashboard's months are Shanghai months. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Event statuses the dashboard counts: what students see (drafts are not events yet, cancelled ones did not happen). */
const COUNTED_EVENT_STATUSES = ['published', 'closed'];

/** The fields of an event that no edit may change (counters, lifecycle, staff, authorship). */
const NOT_EDITABLE = [
  'id',
  '_id',
  'status',
  'seatsLeft',
  'waitlistCount',
  'waitlistSeq',
  'checkedInCount',
  'checkedOutCount',
  'staffOpenids',
  'createdBy',
  'cancelReason',
] as const;

/**
 * What the committee part needs of the adapter: its database, its retry policy and the helpers every part shares.
 * CloudbaseStorage hands itself over through this (see its constructor).
 */
export interface CloudbaseKit {
  readonly db: WxDatabase;
  readonly transactionRetries: number;
  readonly pageSize: number;
  readonly aggregatePageSize: number;
  withRetries<T>(attempt: () => Promise<T>, busyMessage?: string): Promise<T>;
  addAudit(t: WxTransaction, audit: AuditDraft): Promise<void>;
  fetchAll(query: WxQuery, max?: number, pageSize?: number): Promise<WxDoc[]>;
  fetchByIds(collection: string, ids: string[]): Promise<WxDoc[]>;
  inLane<T>(lane: string, run: () => Promise<T>): Promise<T>;
}

/** An `add` inside a transaction failed; if the document exists now, what the transaction read was stale. */
class AddFailed extends Error {
  constructor(
    readonly original: unknown,
    readonly collection: string,
    readonly id: string,
  ) {
    super(`add ${collection}/${id} failed`);
    this.name = 'AddFailed';
  }
}

/** What a conflicted team write answers once the attempts are used up. */
const TEAM_BUSY = '团队操作繁忙，请稍后再试';

/**
 * The committee's tools on CloudBase (issue 6): publishing, applications, social-practice teams, the notification
 * outbox and consents, the dashboard, exports. Every write is one `runTransaction` of `doc(id)` operations and
 * `add`s (plus its audit entry where the port asks for one), retried by the adapter's policy; queries stay outside
 * transactions. Operation counts are in docs/cloudbase.md ("The committee's tools") and asserted by
 * tests/contract/cloudbase-ops.test.ts.
 */
export class CloudbaseCommittee implements PublishingPort, TeamsPort, NotificationsPort, ReportsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  private get db(): WxDatabase {
    return this.kit.db;
  }

  private transaction<T>(callback: (t: WxTransaction) => Promise<T>): Promise<T> {
    return this.db.runTransaction(callback, this.kit.transactionRetries);
  }

  // ---- publishing ----

  /**
   * One transaction: add `events/<id>` (its `_id` makes a second event of the same id impossible) and the audit
   * entry: 2 operations. Counters start at zero (seatsLeft = capacity). If the add fails, the event is read (rare
   * path): it exists → INVALID_INPUT; else the failure is rethrown.
   */
  async createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord> {
    const stored: EventRecord = {
      ...event,
      seatsLeft: event.capacity,
      waitlistCount: 0,
      waitlistSeq: 0,
      checkedInCount: 0,
      checkedOutCount: 0,
    };
    await this.kit.withRetries(
      this.retryingStaleAdd(
        () =>
          this.transaction(async (t) => {
            await addIn(t, EVENTS, event.id, eventToDoc(stored));
            await this.kit.addAudit(t, audit);
          }),
        () => new ApiError('INVALID_INPUT', '活动编号已存在，请刷新后重试'),
      ),
    );
    return stored;
  }

  /**
   * One transaction, 3 operations: read the event, write the organiser's fields (objects and arrays replaced whole,
   * `_.set`) with seatsLeft moved by the capacity's change, add the audit entry. Refusals before any write:
   * NOT_FOUND, EVENT_CANCELLED, CAPACITY_BELOW_CONFIRMED (confirmed = capacity − seatsLeft).
   */
  async updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord> {
    const _ = this.db.command;
    const editable = editableOf(fields);
    return this.kit.withRetries(() =>
      this.transaction(async (t) => {
        const event = await readEventIn(t, eventId);
        if (event.status === 'cancelled' || !mayTransition(event.status, 'edit')) throw new ApiError('EVENT_CANCELLED');
        const capacity = typeof editable.capacity === 'number' ? editable.capacity : event.capacity;
        if (capacity < event.capacity - event.seatsLeft) throw new ApiError('CAPACITY_BELOW_CONFIRMED');
        const seatsLeft = event.seatsLeft + (capacity - event.capacity);
        const data: Record<string, unknown> = { seatsLeft };
        for (const [key, value] of Object.entries(editable)) {
          data[key] = value !== null && typeof value === 'object' ? _.set(value) : value;
        }
        await t.collection(EVENTS).doc(eventId).update({ data });
        await this.kit.addAudit(t, audit);
        return { ...event, ...(editable as Partial<EventRecord>), seatsLeft };
      }),
    );
  }

  /**
   * One transaction, 3 operations: read the event, write its next status (mayTransition / statusAfter; the reason of
   * a cancellation in `cancelReason`; `updatedAt` the audit's time), add the audit entry. STATUS_CHANGE_NOT_ALLOWED,
   * NOT_FOUND before any write.
   */
  async changeEventStatus(
    eventId: string,
    action: 'publish' | 'close' | 'reopen' | 'cancel',
    reason: string | null,
    audit: AuditDraft,
  ): Promise<EventRecord> {
    return this.kit.withRetries(() =>
      this.transaction(async (t) => {
        const event = await readEventIn(t, eventId);
        if (!mayTransition(event.status, action)) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
        const change: Partial<EventRecord> = { status: statusAfter(event.status, action), updatedAt: audit.at };
        if (action === 'cancel') change.cancelReason = reason;
        await t.collection(EVENTS).doc(eventId).update({ data: change });
        await this.kit.addAudit(t, audit);
        return { ...event, ...change };
      }),
    );
  }

  /** A query by `eventId, status` ordered by `createdAt` (then `_id`), 100 a page. */
  async listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]> {
    if (!statuses.length) return [];
    const _ = this.db.command;
    const query = this.db
      .collection(REGISTRATIONS)
      .where({ eventId, status: _.in([...new Set(statuses)]) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query)).map(registrationFromDoc);
  }

  /**
   * One transaction: read the event and the registration (NOT_PENDING unless pending); approving takes a seat
   * (EVENT_FULL when none is left) and writes event and registration, rejecting cancels the registration; then the
   * audit entry. Approve: 5 operations; reject: 4.
   */
  async decideApplication(
    eventId: string,
    studentNo: string,
    approve: boolean,
    now: Date,
    audit: AuditDraft,
  ): Promise<{ registration: RegistrationRecord; event: EventRecord }> {
    const id = registrationId(eventId, studentNo);
    return this.kit.withRetries(() =>
      this.transaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const doc = await readDoc(t.collection(REGISTRATIONS).doc(id));
        const registration = doc ? registrationFromDoc(doc) : null;
        if (!registration || registration.status !== 'pending') throw new ApiError('NOT_PENDING');
        const stamp = now.toISOString();
        let after = event;
        if (approve) {
          if (event.seatsLeft <= 0) throw new ApiError('EVENT_FULL', '名额已满，无法通过这份申请');
          after = { ...event, seatsLeft: event.seatsLeft - 1 };
          await t.collection(EVENTS).doc(eventId).update({ data: { seatsLeft: after.seatsLeft } });
        }
        const status = approve ? 'confirmed' : 'cancelled';
        await t.collection(REGISTRATIONS).doc(id).update({ data: { status, updatedAt: stamp } });
        await this.kit.addAudit(t, audit);
        return { registration: { ...registration, status, updatedAt: stamp }, event: after };
      }),
    );
  }

  // ---- social-practice teams ----

  /**
   * Reads the event (NOT_FOUND; outside: it only has to exist), then one transaction: read each member's lock
   * (`teamMembers/<eventId>:<studentNo>`, TEAM_ALREADY_IN_ONE) and the code (`teamCodes/<code>`, INVALID_INPUT when
   * taken), add the team (its id taken: INVALID_INPUT) and set the code and the locks. The leader is the first
   * member. A team of its leader alone: 6 operations.
   */
  async createTeam(team: TeamRecord): Promise<TeamRecord> {
    const members = [team.leaderStudentNo, ...new Set(team.members.filter((m) => m !== team.leaderStudentNo))];
    if (members.length > TEAM_SIZE_BOUND) throw new ApiError('TEAM_FULL');
    const stored: TeamRecord = { ...team, members };
    if (!(await readDoc(this.db.collection(EVENTS).doc(team.eventId)))) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
    await this.kit.withRetries(
      this.retryingStaleAdd(
        () =>
          this.transaction(async (t) => {
            for (const no of members) {
              if (await readDoc(t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, no)))) throw new ApiError('TEAM_ALREADY_IN_ONE');
            }
            if (await readDoc(t.collection(TEAM_CODES).doc(team.joinCode))) throw new ApiError('INVALID_INPUT', '入队码已被使用，请重试');
            await addIn(t, TEAMS, team.id, teamToDoc(stored));
            await t.collection(TEAM_CODES).doc(team.joinCode).set({ data: { teamId: team.id, eventId: team.eventId } });
            for (const no of members) {
              await t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, no)).set({ data: { teamId: team.id, eventId: team.eventId, studentNo: no } });
            }
          }),
        () => new ApiError('INVALID_INPUT', '团队编号已存在，请重试'),
      ),
      TEAM_BUSY,
    );
    return stored;
  }

  async getTeam(teamId: string): Promise<TeamRecord | null> {
    const doc = await readDoc(this.db.collection(TEAMS).doc(teamId));
    return doc ? teamFromDoc(doc) : null;
  }

  /** Two reads: the code's owner, then the team. */
  async findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null> {
    const code = await readDoc(this.db.collection(TEAM_CODES).doc(joinCode));
    return code && typeof code.teamId === 'string' ? this.getTeam(code.teamId) : null;
  }

  /** Two reads: the student's lock for the event, then the team. */
  async teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null> {
    const lock = await readDoc(this.db.collection(TEAM_MEMBERS).doc(teamMemberId(eventId, studentNo)));
    if (!lock || typeof lock.teamId !== 'string') return null;
    const team = await this.getTeam(lock.teamId);
    return team && team.members.includes(studentNo) ? team : null;
  }

  /**
   * By `createdAt` (then id). A student's teams come from their locks (a query on `teamMembers.studentNo`, then
   * the teams by `_id`); otherwise a query on `teams` by event and status.
   */
  async listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]> {
    let teams: TeamRecord[];
    if (filter.studentNo !== undefined) {
      const condition: Record<string, unknown> = { studentNo: filter.studentNo };
      if (filter.eventId !== undefined) condition.eventId = filter.eventId;
      const locks = await this.kit.fetchAll(this.db.collection(TEAM_MEMBERS).where(condition).orderBy('_id', 'asc'));
      const ids = [...new Set(locks.map((l) => l.teamId).filter((id): id is string => typeof id === 'string'))];
      teams = (await this.kit.fetchByIds(TEAMS, ids))
        .map(teamFromDoc)
        .filter((team) => team.members.includes(filter.studentNo as string))
        .filter((team) => (filter.eventId === undefined || team.eventId === filter.eventId) && (filter.status === undefined || team.status === filter.status));
      teams.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
      return teams;
    }
    const condition: Record<string, unknown> = {};
    if (filter.eventId !== undefined) condition.eventId = filter.eventId;
    if (filter.status !== undefined) condition.status = filter.status;
    const collection = this.db.collection(TEAMS);
    const query = (Object.keys(condition).length ? collection.where(condition) : collection).orderBy('createdAt', 'asc').orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query)).map(teamFromDoc);
  }

  /**
   * Reads the code's owner and the event's size limits (outside: a code never changes owner, limits are settings),
   * then one transaction: read the team and the student's lock, decideJoin, write the members and the lock:
   * 6 operations. An unknown code is TEAM_CODE_INVALID.
   */
  async joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord> {
    const code = await readDoc(this.db.collection(TEAM_CODES).doc(joinCode));
    if (!code || typeof code.teamId !== 'string') throw new ApiError('TEAM_CODE_INVALID');
    const teamId = code.teamId;
    const eventDoc = typeof code.eventId === 'string' ? await readDoc(this.db.collection(EVENTS).doc(code.eventId)) : null;
    const limits = teamLimits(eventDoc ? eventFromDoc(eventDoc) : null);
    const _ = this.db.command;
    return this.kit.withRetries(
      () =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId, 'TEAM_CODE_INVALID');
          const lockRef = t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, studentNo));
          const lock = await readDoc(lockRef);
          const refusal = decideJoin(team, limits, studentNo, lock && typeof lock.teamId === 'string' ? lock.teamId : null);
          if (refusal) throw new ApiError(refusal);
          const next: TeamRecord = { ...team, members: [...team.members, studentNo], updatedAt: now.toISOString() };
          await t.collection(TEAMS).doc(teamId).update({ data: { members: _.set(next.members), updatedAt: next.updatedAt } });
          await lockRef.set({ data: { teamId, eventId: team.eventId, studentNo } });
          return next;
        }),
      TEAM_BUSY,
    );
  }

  /** One transaction, 3 operations: read the team (a non-member: NOT_FOUND; decideLeave), write its members, remove the lock. */
  async leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord> {
    const _ = this.db.command;
    return this.kit.withRetries(
      () =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId);
          if (!team.members.includes(studentNo)) throw new ApiError('NOT_FOUND', '你不在这个团队里');
          const refusal = decideLeave(team, studentNo);
          if (refusal) throw new ApiError(refusal);
          const next: TeamRecord = { ...team, members: team.members.filter((m) => m !== studentNo), updatedAt: now.toISOString() };
          await t.collection(TEAMS).doc(teamId).update({ data: { members: _.set(next.members), updatedAt: next.updatedAt } });
          await t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, studentNo)).remove();
          return next;
        }),
      TEAM_BUSY,
    );
  }

  /** One transaction, 2 operations: read the team (leader only), write name, project, mentor. */
  async updateTeam(
    teamId: string,
    by: string,
    patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>,
    now: Date,
  ): Promise<TeamRecord> {
    const change: Partial<TeamRecord> = {};
    for (const key of ['name', 'project', 'mentor'] as const) if (typeof patch[key] === 'string') change[key] = patch[key];
    return this.kit.withRetries(
      () =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId);
          if (team.leaderStudentNo !== by) throw new ApiError('TEAM_NOT_LEADER');
          const next: TeamRecord = { ...team, ...change, updatedAt: now.toISOString() };
          await t.collection(TEAMS).doc(teamId).update({ data: { ...change, updatedAt: next.updatedAt } });
          return next;
        }),
      TEAM_BUSY,
    );
  }

  /**
   * One transaction: read the team and its event (decideTeamSignup with the event's size limits; the event's status
   * and window as decideSignup has them), read every member's registration; write the event's counters (seatsLeft
   * minus the members not confirmed yet, EVENT_FULL if that is more than are left; a waitlisted member leaves the
   * waitlist), each such registration (added, or set confirmed) and the team's status. 2n + 4 operations for n new
   * members (at most TEAM_SIZE_BOUND). A registration that appeared meanwhile (its `add` fails and it exists) makes
   * the attempt stale: it is retried.
   */
  async signUpTeam(teamId: string, by: string, now: Date): Promise<TeamRecord> {
    const stamp = now.toISOString();
    return this.kit.withRetries(
      this.retryingStaleAdd(() =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId);
          const event = await readEventIn(t, team.eventId);
          const refusal = decideTeamSignup(team, teamLimits(event), by);
          if (refusal) throw new ApiError(refusal);
          // The event's status and window only: the seats are counted for the whole team below.
          const closed = signupWindowRefusal(event, now);
          if (closed) throw new ApiError(closed);
          // One after another: a transaction's operations are not sent in parallel (MongoDB sessions do not take that).
          const current: Array<{ no: string; registration: RegistrationRecord | null }> = [];
          for (const no of team.members) {
            const doc = await readDoc(t.collection(REGISTRATIONS).doc(registrationId(team.eventId, no)));
            current.push({ no, registration: doc ? registrationFromDoc(doc) : null });
          }
          const joining = current.filter((c) => c.registration?.status !== 'confirmed');
          if (joining.length > event.seatsLeft) throw new ApiError('EVENT_FULL', '剩余名额不足以容纳整个团队');
          if (joining.length) {
            const leavingWaitlist = joining.filter((c) => c.registration?.status === 'waitlisted').length;
            await t.collection(EVENTS).doc(event.id).update({
              data: { seatsLeft: event.seatsLeft - joining.length, waitlistCount: event.waitlistCount - leavingWaitlist },
            });
          }
          for (const { no, registration } of joining) {
            const id = registrationId(team.eventId, no);
            if (!registration) {
              const fresh: RegistrationRecord = {
                id,
                eventId: team.eventId,
                studentNo: no,
                status: 'confirmed',
                waitlistSeq: null,
                passSeq: 0,
                createdAt: stamp,
                updatedAt: stamp,
              };
              await addIn(t, REGISTRATIONS, id, registrationToDoc(fresh));
            } else if (registration.status === 'cancelled') {
              // As a student signing up again: a new registration that keeps the pass number.
              const data = { status: 'confirmed', waitlistSeq: null, createdAt: stamp, updatedAt: stamp };
              await t.collection(REGISTRATIONS).doc(id).update({ data });
            } else {
              await t.collection(REGISTRATIONS).doc(id).update({ data: { status: 'confirmed', updatedAt: stamp } });
            }
          }
          const next: TeamRecord = { ...team, status: 'signed_up', updatedAt: stamp };
          await t.collection(TEAMS).doc(teamId).update({ data: { status: next.status, updatedAt: stamp } });
          return next;
        }),
      ),
      TEAM_BUSY,
    );
  }

  /** One transaction, 2 operations: read the team (decideReportSubmission), write the report and the status. */
  async submitTeamReport(
    teamId: string,
    by: string,
    report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>,
    now: Date,
  ): Promise<TeamRecord> {
    const _ = this.db.command;
    const stamp = now.toISOString();
    const full = { title: report.title, summary: report.summary, link: report.link, submittedAt: stamp };
    return this.kit.withRetries(
      () =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId);
          const refusal = decideReportSubmission(team, by);
          if (refusal) throw new ApiError(refusal);
          const next: TeamRecord = { ...team, report: full, status: 'report_submitted', updatedAt: stamp };
          await t.collection(TEAMS).doc(teamId).update({ data: { report: _.set(full), status: next.status, updatedAt: stamp } });
          return next;
        }),
      TEAM_BUSY,
    );
  }

  /** One transaction, 3 operations: read the team (decideReview), write status and review, add the audit entry. */
  async reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord> {
    const _ = this.db.command;
    const stamp = now.toISOString();
    return this.kit.withRetries(
      () =>
        this.transaction(async (t) => {
          const team = await readTeamIn(t, teamId);
          const refusal = decideReview(team);
          if (refusal) throw new ApiError(refusal);
          const review = { by, at: stamp, reason };
          const next: TeamRecord = { ...team, status: approve ? 'approved' : 'returned', review, updatedAt: stamp };
          await t.collection(TEAMS).doc(teamId).update({ data: { status: next.status, review: _.set(review), updatedAt: stamp } });
          await this.kit.addAudit(t, audit);
          return next;
        }),
      TEAM_BUSY,
    );
  }

  // ---- notifications ----

  /**
   * Insert-if-absent by key (`outbox/<key>`): one query per 100 keys finds those queued already (`_id` in …), then
   * one `add` per new message (20 in flight). A key queued by someone else in between makes its `add` fail; the
   * message is then read (rare path) and, being there, not counted. The job that queues reminders runs again and
   * again over the same reasons, so the common case (all queued already) costs 1 operation per 100.
   */
  async enqueueNotifications(messages: OutboxMessage[]): Promise<number> {
    const unique = new Map<string, OutboxMessage>();
    for (const m of messages) if (!unique.has(m.key)) unique.set(m.key, m);
    if (!unique.size) return 0;
    const queued = new Set((await this.kit.fetchByIds(OUTBOX, [...unique.keys()])).map((d) => String(d._id)));
    const fresh = [...unique.values()].filter((m) => !queued.has(m.key));
    let added = 0;
    for (let i = 0; i < fresh.length; i += 20) {
      await Promise.all(
        fresh.slice(i, i + 20).map(async (m) => {
          try {
            await this.db.collection(OUTBOX).add({ data: { _id: m.key, ...outboxToDoc(m) } });
            added++;
          } catch (error) {
            if (await readDoc(this.db.collection(OUTBOX).doc(m.key))) return;
            throw error;
          }
        }),
      );
    }
    return added;
  }

  /** One query per 100: pending, `nextAttemptAt` ≤ now, the nearest deadline first (`_id` breaks ties). */
  async dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]> {
    const max = Math.floor(limit);
    if (!(max > 0)) return [];
    const query = this.dueQuery(now).orderBy('deadlineAt', 'asc').orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query, max)).map(outboxFromDoc);
  }

  /** One `count`. */
  async countDueNotifications(now: Date): Promise<number> {
    return (await this.dueQuery(now).count()).total;
  }

  private dueQuery(now: Date): WxQuery {
    const _ = this.db.command;
    return this.db.collection(OUTBOX).where({ status: 'pending', nextAttemptAt: _.lte(now.toISOString()) });
  }

  /**
   * One `where(_id in …).update` per 100 keys, outside any transaction: marking a message skipped is the same write
   * whoever makes it, and only pending messages are touched (one sent meanwhile by another run stays sent).
   */
  async skipNotifications(keys: readonly string[], reason: string): Promise<void> {
    const _ = this.db.command;
    for (let i = 0; i < keys.length; i += this.kit.pageSize) {
      const batch = keys.slice(i, i + this.kit.pageSize);
      await this.db.collection(OUTBOX).where({ _id: _.in(batch), status: 'pending' }).update({ data: { status: 'skipped', lastError: reason } });
    }
  }

  /** One query per 100 (`_id` in the students' consent documents): remaining consents by `<studentNo>:<kind>`. */
  async consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>> {
    const ids = [...new Set(pairs.map((p) => consentId(p.studentNo, p.kind)))];
    const out = new Map<string, number>(ids.map((id) => [id, 0]));
    for (const doc of await this.kit.fetchByIds(CONSENTS, ids)) {
      out.set(String(doc._id), typeof doc.remaining === 'number' ? Math.max(0, doc.remaining) : 0);
    }
    return out;
  }

  /** One `update` of the status fields (a message that is gone stays gone). */
  async saveNotification(message: OutboxMessage): Promise<void> {
    await this.db.collection(OUTBOX).doc(message.key).update({
      data: {
        status: message.status,
        attempts: message.attempts,
        nextAttemptAt: message.nextAttemptAt,
        lastError: message.lastError,
        sentAt: message.sentAt,
      },
    });
  }

  /** Newest first (`createdAt` desc, then `_id`), 100 a page. */
  async listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]> {
    const max = Math.floor(filter.limit);
    if (!(max > 0)) return [];
    const collection = this.db.collection(OUTBOX);
    const condition: Record<string, unknown> = {};
    if (filter.status) condition.status = filter.status;
    if (filter.eventId) condition.eventId = filter.eventId;
    const query = (Object.keys(condition).length ? collection.where(condition) : collection).orderBy('createdAt', 'desc').orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query, max)).map(outboxFromDoc);
  }

  /**
   * One transaction on `consents/<studentNo>:<kind>`: read the count, add to it (`_.inc`, or create the document):
   * 2 operations; answers the count after. Nothing accepted: the read only.
   */
  async addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number> {
    const _ = this.db.command;
    const id = consentId(studentNo, kind);
    const add = Math.max(0, Math.floor(accepted));
    return this.kit.inLane(`consent:${id}`, () =>
      this.kit.withRetries(() =>
        this.transaction(async (t) => {
          const ref = t.collection(CONSENTS).doc(id);
          const doc = await readDoc(ref);
          const remaining = doc && typeof doc.remaining === 'number' ? Math.max(0, doc.remaining) : 0;
          if (add === 0) return remaining;
          if (doc) await ref.update({ data: { remaining: _.inc(add) } });
          else await ref.set({ data: { studentNo, kind, remaining: add } });
          return remaining + add;
        }),
      ),
    );
  }

  /**
   * One conditional update, atomic on its own: `where({ _id, remaining: _.gt(0) })` takes one (`_.inc(-1)`);
   * updated nothing → none left (or no document): false.
   */
  async consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean> {
    const _ = this.db.command;
    const { stats } = await this.db
      .collection(CONSENTS)
      .where({ _id: consentId(studentNo, kind), remaining: _.gt(0) })
      .update({ data: { remaining: _.inc(-1) } });
    return stats.updated > 0;
  }

  /** One query (`_id` in the student's kinds). */
  async consents(studentNo: string): Promise<Record<NotificationKind, number>> {
    return consentsFromDocs(await this.kit.fetchByIds(CONSENTS, NOTIFICATION_KINDS.map((k) => consentId(studentNo, k))));
  }

  // ---- dashboard and plan ----

  /**
   * A handful of operations whatever the year holds (each aggregation answers `aggregatePageSize` groups a page):
   * 1. the events starting in [from, to), published or closed: a query, 1000 a page (a few thousand a year);
   * 2. the roster grouped by college and branch (1 aggregation);
   * 3. confirmed registrations of those events (`eventId` in …) grouped by event (1), and joined to the roster
   *    (`lookup` students by `_id`, `unwind`) grouped by college and branch (1);
   * 4. the same two for attendance (checked in);
   * 5. the distinct students with a confirmed registration of a social-practice event in range: grouped by student,
   *    joined to the roster, grouped by college (1).
   * Unfiltered that is 7 operations for a year of up to 1000 events. With a college, the per-event pipelines join
   * the roster too and every joined pipeline keeps that college's students only. The joins leave out students missing
   * from the roster (as SQL's join does); the unfiltered per-event counts do not join.
   */
  async dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates> {
    const _ = this.db.command;
    const $ = this.db.command.aggregate;
    const range = (_.gte(from.toISOString()) as { and(x: unknown): unknown }).and(_.lt(to.toISOString()));
    const eventDocs = await this.kit.fetchAll(
      this.db.collection(EVENTS).where({ startAt: range, status: _.in(COUNTED_EVENT_STATUSES) }).orderBy('startAt', 'asc').orderBy('_id', 'asc'),
      Number.POSITIVE_INFINITY,
      1000,
    );
    const events = new Map(
      eventDocs.map((d) => {
        const e = eventFromDoc(d);
        return [e.id, { category: e.category, month: shanghaiMonth(e.startAt) }] as const;
      }),
    );
    const eventIds = [...events.keys()];
    const practiceIds = eventIds.filter((id) => events.get(id)!.category === 'practice');
    const onRoster = college === null ? {} : { 's.college': college };

    const rosterGroups = await this.aggregateAll(STUDENTS, (p) =>
      (college === null ? p : p.match({ college })).group({ _id: { college: '$college', branch: '$branch' }, n: $.sum(1) }),
      ['_id.college', '_id.branch'],
    );

    // Per event: how many, over the roster (joined when a college is asked for).
    const perEvent = (collection: string, condition: Record<string, unknown>) =>
      eventIds.length
        ? this.aggregateAll(
            collection,
            (p) => {
              let q = p.match({ ...condition, eventId: _.in(eventIds) });
              if (college !== null) {
                q = q.lookup({ from: STUDENTS, localField: 'studentNo', foreignField: '_id', as: 's' }).unwind('$s').match(onRoster);
              }
              return q.group({ _id: '$eventId', n: $.sum(1) });
            },
            ['_id'],
          )
        : Promise.resolve([]);
    const perBranch = (collection: string, condition: Record<string, unknown>) =>
      eventIds.length
        ? this.aggregateAll(
            collection,
            (p) => {
              let q = p
                .match({ ...condition, eventId: _.in(eventIds) })
                .lookup({ from: STUDENTS, localField: 'studentNo', foreignField: '_id', as: 's' })
                .unwind('$s');
              if (college !== null) q = q.match(onRoster);
              return q.group({ _id: { college: '$s.college', branch: '$s.branch' }, n: $.sum(1) });
            },
            ['_id.college', '_id.branch'],
          )
        : Promise.resolve([]);
    const confirmed = { status: 'confirmed' };
    const checkedIn = { checkedInAt: _.neq(null) };
    const [regByEvent, regByBranch, attByEvent, attByBranch, practiceByCollege] = await Promise.all([
      perEvent(REGISTRATIONS, confirmed),
      perBranch(REGISTRATIONS, confirmed),
      perEvent(ATTENDANCE, checkedIn),
      perBranch(ATTENDANCE, checkedIn),
      practiceIds.length
        ? this.aggregateAll(
            REGISTRATIONS,
            (p) => {
              let q = p
                .match({ status: 'confirmed', eventId: _.in(practiceIds) })
                .group({ _id: '$studentNo', n: $.sum(1) })
                .lookup({ from: STUDENTS, localField: '_id', foreignField: '_id', as: 's' })
                .unwind('$s');
              if (college !== null) q = q.match(onRoster);
              return q.group({ _id: '$s.college', n: $.sum(1) });
            },
            ['_id'],
          )
        : Promise.resolve([]),
    ]);

    // byCategoryMonth: every (category, month) that has an event in range.
    const cells = new Map<string, DashboardAggregates['byCategoryMonth'][number]>();
    const cellOf = (id: string) => {
      const { category, month } = events.get(id)!;
      const key = `${category}:${month}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { category, month, events: 0, registrations: 0, attendances: 0 }));
      return cell;
    };
    for (const id of eventIds) cellOf(id).events++;
    for (const row of regByEvent) if (events.has(String(row._id))) cellOf(String(row._id)).registrations += Number(row.n);
    for (const row of attByEvent) if (events.has(String(row._id))) cellOf(String(row._id)).attendances += Number(row.n);
    const categoryOrder = (c: Category) => ['lecture', 'volunteer', 'practice', 'firstaid', 'theme'].indexOf(c);
    const byCategoryMonth = [...cells.values()].sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.month - b.month);

    // By branch and college, over the roster.
    const branchKey = (id: unknown) => {
      const { college: c, branch } = (id ?? {}) as { college?: unknown; branch?: unknown };
      return { college: String(c ?? ''), branch: String(branch ?? '') };
    };
    const branches = new Map<string, DashboardAggregates['byBranch'][number]>();
    const branchOf = (c: string, b: string) => {
      const key = JSON.stringify([c, b]);
      let row = branches.get(key);
      if (!row) branches.set(key, (row = { branch: b, college: c, students: 0, registrations: 0, attendances: 0 }));
      return row;
    };
    for (const row of rosterGroups) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).students += Number(row.n);
    }
    for (const row of regByBranch) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).registrations += Number(row.n);
    }
    for (const row of attByBranch) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).attendances += Number(row.n);
    }
    const colleges = new Map<string, DashboardAggregates['byCollege'][number]>();
    for (const b of branches.values()) {
      let c = colleges.get(b.college);
      if (!c) colleges.set(b.college, (c = { college: b.college, students: 0, registrations: 0, attendances: 0, practiceStudents: 0 }));
      c.students += b.students;
      c.registrations += b.registrations;
      c.attendances += b.attendances;
    }
    let practiceStudents = 0;
    for (const row of practiceByCollege) {
      const name = String(row._id ?? '');
      const n = Number(row.n);
      practiceStudents += n;
      let c = colleges.get(name);
      if (!c) colleges.set(name, (c = { college: name, students: 0, registrations: 0, attendances: 0, practiceStudents: 0 }));
      c.practiceStudents += n;
    }
    const byCollege = [...colleges.values()].sort((a, b) => compareText(a.college, b.college));
    const byBranch = [...branches.values()].sort((a, b) => compareText(a.college, b.college) || compareText(a.branch, b.branch));
    const students = byCollege.reduce((sum, c) => sum + c.students, 0);
    return { students, byCategoryMonth, practiceStudents, byCollege, byBranch };
  }

  /** One read; the plan's defaults until the committee saves its own. */
  async planSettings(): Promise<PlanSettings> {
    const doc = await readDoc(this.db.collection(SETTINGS).doc(PLAN_SETTINGS_ID));
    const defaults: PlanSettings = structuredClone({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
    if (!doc) return defaults;
    return {
      targets: Array.isArray(doc.targets) ? (doc.targets as PlanSettings['targets']) : defaults.targets,
      planItems: Array.isArray(doc.planItems) ? (doc.planItems as PlanSettings['planItems']) : defaults.planItems,
    };
  }

  /** One transaction: replace `settings/plan` whole and add the audit entry (2 operations). */
  async putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void> {
    await this.kit.withRetries(() =>
      this.transaction(async (t) => {
        await t.collection(SETTINGS).doc(PLAN_SETTINGS_ID).set({ data: { targets: settings.targets, planItems: settings.planItems } });
        await this.kit.addAudit(t, audit);
      }),
    );
  }

  // ---- exports ----

  /**
   * Registrations of every status, with student, event and attendance. For an event: its registrations
   * (query, 100 a page), then students, attendance by `_id` (100 per operation each). For a college or branch: its
   * students (query), their registrations (`studentNo` in 100 per query), the events and attendance by `_id`.
   * Ordered by event start, event, student number. Students missing from the roster are left out.
   */
  async listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]> {
    const _ = this.db.command;
    const fromRoster = (s: StudentRecord) =>
      (filter.college === undefined || s.college === filter.college) && (filter.branch === undefined || s.branch === filter.branch);
    let registrations: RegistrationRecord[];
    let students: Map<string, StudentRecord>;
    if (filter.eventId !== undefined) {
      const query = this.db.collection(REGISTRATIONS).where({ eventId: filter.eventId }).orderBy('_id', 'asc');
      registrations = (await this.kit.fetchAll(query)).map(registrationFromDoc);
      const docs = await this.kit.fetchByIds(STUDENTS, [...new Set(registrations.map((r) => r.studentNo))]);
      students = new Map(docs.map(studentFromDoc).filter(fromRoster).map((s) => [s.studentNo, s] as const));
    } else {
      const condition: Record<string, unknown> = {};
      if (filter.college !== undefined) condition.college = filter.college;
      if (filter.branch !== undefined) condition.branch = filter.branch;
      const collection = this.db.collection(STUDENTS);
      const roster = (await this.kit.fetchAll((Object.keys(condition).length ? collection.where(condition) : collection).orderBy('_id', 'asc'))).map(
        studentFromDoc,
      );
      students = new Map(roster.map((s) => [s.studentNo, s] as const));
      registrations = [];
      const nos = [...students.keys()];
      for (let i = 0; i < nos.length; i += this.kit.pageSize) {
        const batch = nos.slice(i, i + this.kit.pageSize);
        const query = this.db.collection(REGISTRATIONS).where({ studentNo: _.in(batch) }).orderBy('_id', 'asc');
        registrations.push(...(await this.kit.fetchAll(query)).map(registrationFromDoc));
      }
    }
    registrations = registrations.filter((r) => students.has(r.studentNo));
    const eventDocs = await this.kit.fetchByIds(EVENTS, [...new Set(registrations.map((r) => r.eventId))]);
    const events = new Map(eventDocs.map(eventFromDoc).map((e) => [e.id, e] as const));
    const attendanceDocs = await this.kit.fetchByIds(ATTENDANCE, registrations.map((r) => attendanceId(r.eventId, r.studentNo)));
    const attendance = new Map(attendanceDocs.map(attendanceFromDoc).map((a) => [attendanceId(a.eventId, a.studentNo), a] as const));
    const rows: RegistrationExportRow[] = [];
    for (const registration of registrations) {
      const event = events.get(registration.eventId);
      const student = students.get(registration.studentNo);
      if (!event || !student) continue;
      const a = attendance.get(registration.id);
      rows.push({
        registration,
        student,
        eventTitle: event.title,
        eventStartAt: event.startAt,
        checkedInAt: a?.checkedInAt ?? null,
        checkedOutAt: a?.checkedOutAt ?? null,
      });
    }
    rows.sort(
      (a, b) =>
        compareText(a.eventStartAt, b.eventStartAt) ||
        compareText(a.registration.eventId, b.registration.eventId) ||
        compareText(a.student.studentNo, b.student.studentNo),
    );
    return rows;
  }

  /** A query: published events whose sign-up has ended (`signupEndAt` ≤ now). */
  async listEventsToClose(now: Date): Promise<EventRecord[]> {
    const _ = this.db.command;
    const query = this.db
      .collection(EVENTS)
      .where({ status: 'published', signupEndAt: _.lte(now.toISOString()) })
      .orderBy('signupEndAt', 'asc')
      .orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query)).map(eventFromDoc);
  }

  /** A query: published or closed events starting in (now, now + leadMs], by start. */
  async listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]> {
    const _ = this.db.command;
    const window = (_.gt(now.toISOString()) as { and(x: unknown): unknown }).and(_.lte(new Date(now.getTime() + leadMs).toISOString()));
    const query = this.db.collection(EVENTS).where({ status: _.in(['published', 'closed']), startAt: window }).orderBy('startAt', 'asc').orderBy('_id', 'asc');
    return (await this.kit.fetchAll(query)).map(eventFromDoc);
  }

  // ---- helpers ----

  /**
   * Every group of an aggregation, `aggregatePageSize` a page (a fresh pipeline per page: the SDK's stages append to
   * one shared pipeline), sorted by `sortBy` so that pages are stable.
   */
  private async aggregateAll(
    collection: string,
    build: (pipeline: ReturnType<ReturnType<WxDatabase['collection']>['aggregate']>) => ReturnType<ReturnType<WxDatabase['collection']>['aggregate']>,
    sortBy: string[],
  ): Promise<WxDoc[]> {
    const size = this.kit.aggregatePageSize;
    const out: WxDoc[] = [];
    for (let offset = 0; ; offset += size) {
      let pipeline = build(this.db.collection(collection).aggregate()).sort(Object.fromEntries(sortBy.map((f) => [f, 1 as const])));
      if (offset > 0) pipeline = pipeline.skip(offset);
      const { list } = await pipeline.limit(size).end();
      out.push(...list);
      if (list.length < size) return out;
    }
  }

  /**
   * An attempt whose `add` failed: if the document exists now, what the attempt read was stale — `whenExists` says
   * what to answer (default: retry with a fresh read); if it does not, the failure was real and is rethrown.
   */
  private retryingStaleAdd<T>(attempt: () => Promise<T>, whenExists?: () => Error): () => Promise<T> {
    return async () => {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof AddFailed)) throw error;
        if (await readDoc(this.db.collection(error.collection).doc(error.id))) {
          throw whenExists ? whenExists() : new StaleReadError(`${error.collection}/${error.id} appeared`);
        }
        throw error.original;
      }
    };
  }
}

/** The organiser's fields only: whatever else `fields` carries is left out. */
function editableOf(fields: EditableEventFields): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const key of NOT_EDITABLE) delete out[key];
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** The size limits of a team for this event: a practice event's own, within TEAM_SIZE_BOUND. */
export function teamLimits(event: Pick<EventRecord, 'details'> | null): TeamLimits {
  const details = event?.details;
  if (details?.kind === 'practice') {
    return { teamSizeMin: Math.max(1, details.teamSizeMin), teamSizeMax: Math.min(TEAM_SIZE_BOUND, details.teamSizeMax) };
  }
  return { teamSizeMin: 1, teamSizeMax: TEAM_SIZE_BOUND };
}

/** Month (1–12) of an instant in Shanghai. */
export function shanghaiMonth(iso: string): number {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).getUTCMonth() + 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function addIn(t: WxTransaction, collection: string, id: string, doc: Record<string, unknown>): Promise<void> {
  try {
    await t.collection(collection).add({ data: { ...doc, _id: id } });
  } catch (error) {
    if (isTransactionConflict(error)) throw error;
    throw new AddFailed(error, collection, id);
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

async function readTeamIn(t: WxTransaction, teamId: string, missing: 'NOT_FOUND' | 'TEAM_CODE_INVALID' = 'NOT_FOUND'): Promise<TeamRecord> {
  const doc = await readDoc(t.collection(TEAMS).doc(teamId));
  if (!doc) throw new ApiError(missing, missing === 'NOT_FOUND' ? '没有找到这个团队' : undefined);
  return teamFromDoc(doc);
}
