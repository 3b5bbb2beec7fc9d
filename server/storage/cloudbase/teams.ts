import { ApiError } from '../../../types';
import {
  decideJoin,
  decideLeave,
  decideReportSubmission,
  decideReview,
  decideTeamSignup,
  registrationId,
  signupWindowRefusal,
  type AuditDraft,
  type EventRecord,
  type RegistrationRecord,
  type TeamLimits,
  type TeamRecord,
} from '../../../core';
import type { TeamsPort } from '../ports';
import { COLLECTIONS, eventFromDoc, registrationToDoc } from './documents';
import { addIn, compareText, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';
import type { WxDoc, WxTransaction } from './wx-db';

const { events: EVENTS, registrations: REGISTRATIONS, teams: TEAMS, teamMembers: TEAM_MEMBERS, teamCodes: TEAM_CODES } = COLLECTIONS;

/**
 * Most members a team may have, whatever its event says (the input schema allows 50): a team's sign-up is one
 * transaction of 2 operations per member plus 4, so this bounds it at 104.
 */
export const TEAM_SIZE_BOUND = 50;

/** What a conflicted team write answers once the attempts are used up. */
const TEAM_BUSY = '团队操作繁忙，请稍后再试';

/**
 * Social-practice teams on CloudBase: `teams/<id>`, the lock of "one team per student per event"
 * (`teamMembers/<eventId>:<studentNo>`, written and removed in the same transaction as the team's `members`) and the
 * code's owner (`teamCodes/<code>`). Every write is one transaction reading by `_id`.
 */
export class CloudbaseTeams implements TeamsPort {
  constructor(private readonly kit: CloudbaseKit) {}

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
    await readEventIn(this.kit.db, team.eventId);
    await this.kit.transact(
      async (t) => {
        for (const no of members) {
          if (await readDoc(t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, no)))) throw new ApiError('TEAM_ALREADY_IN_ONE');
        }
        if (await readDoc(t.collection(TEAM_CODES).doc(team.joinCode))) throw new ApiError('INVALID_INPUT', '入队码已被使用，请重试');
        await addIn(t, TEAMS, team.id, teamToDoc(stored));
        await t.collection(TEAM_CODES).doc(team.joinCode).set({ data: { teamId: team.id, eventId: team.eventId } });
        for (const no of members) {
          await t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, no)).set({ data: { teamId: team.id, eventId: team.eventId, studentNo: no } });
        }
      },
      { busy: TEAM_BUSY, addExists: () => new ApiError('INVALID_INPUT', '团队编号已存在，请重试') },
    );
    return stored;
  }

  async getTeam(teamId: string): Promise<TeamRecord | null> {
    const doc = await readDoc(this.kit.db.collection(TEAMS).doc(teamId));
    return doc ? teamFromDoc(doc) : null;
  }

  /** Two reads: the code's owner, then the team. */
  async findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null> {
    const code = await readDoc(this.kit.db.collection(TEAM_CODES).doc(joinCode));
    return code && typeof code.teamId === 'string' ? this.getTeam(code.teamId) : null;
  }

  /** Two reads: the student's lock for the event, then the team. */
  async teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null> {
    const lock = await readDoc(this.kit.db.collection(TEAM_MEMBERS).doc(teamMemberId(eventId, studentNo)));
    if (!lock || typeof lock.teamId !== 'string') return null;
    const team = await this.getTeam(lock.teamId);
    return team && team.members.includes(studentNo) ? team : null;
  }

  /**
   * By `createdAt` (then id). A student's teams come from their locks (a query on `teamMembers.studentNo`, then
   * the teams by `_id`); otherwise a query on `teams` by event and status.
   */
  async listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]> {
    const db = this.kit.db;
    if (filter.studentNo !== undefined) {
      const studentNo = filter.studentNo;
      const condition: Record<string, unknown> = { studentNo };
      if (filter.eventId !== undefined) condition.eventId = filter.eventId;
      const locks = await this.kit.fetchAll(db.collection(TEAM_MEMBERS).where(condition), []);
      const ids = [...new Set(locks.map((l) => l.teamId).filter((id): id is string => typeof id === 'string'))];
      const teams = (await this.kit.fetchByIds(TEAMS, ids))
        .map(teamFromDoc)
        .filter((team) => team.members.includes(studentNo))
        .filter((team) => (filter.eventId === undefined || team.eventId === filter.eventId) && (filter.status === undefined || team.status === filter.status));
      return teams.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
    }
    const condition: Record<string, unknown> = {};
    if (filter.eventId !== undefined) condition.eventId = filter.eventId;
    if (filter.status !== undefined) condition.status = filter.status;
    const collection = db.collection(TEAMS);
    const query = Object.keys(condition).length ? collection.where(condition) : collection;
    return (await this.kit.fetchAll(query, [['createdAt', 'asc']])).map(teamFromDoc);
  }

  /**
   * Reads the code's owner and the event's size limits (outside: a code never changes owner, limits are settings),
   * then one transaction: read the team and the student's lock, decideJoin, write the members and the lock:
   * 6 operations. An unknown code is TEAM_CODE_INVALID. Two students racing for the last place both write the team;
   * one student joining two teams at once writes one lock twice: either way one conflicts, re-runs and is refused.
   */
  async joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord> {
    const db = this.kit.db;
    const code = await readDoc(db.collection(TEAM_CODES).doc(joinCode));
    if (!code || typeof code.teamId !== 'string') throw new ApiError('TEAM_CODE_INVALID');
    const teamId = code.teamId;
    const eventDoc = typeof code.eventId === 'string' ? await readDoc(db.collection(EVENTS).doc(code.eventId)) : null;
    const limits = teamLimits(eventDoc ? eventFromDoc(eventDoc) : null);
    const _ = this.kit.command;
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId, 'TEAM_CODE_INVALID');
        const lockRef = t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, studentNo));
        const lock = await readDoc(lockRef);
        const refusal = decideJoin(team, limits, studentNo, lock && typeof lock.teamId === 'string' ? lock.teamId : null);
        if (refusal) throw new ApiError(refusal);
        const next: TeamRecord = { ...team, members: [...team.members, studentNo], updatedAt: now.toISOString() };
        await t.collection(TEAMS).doc(teamId).update({ data: { members: _.set(next.members), updatedAt: next.updatedAt } });
        await lockRef.set({ data: { teamId, eventId: team.eventId, studentNo } });
        return next;
      },
      { busy: TEAM_BUSY },
    );
  }

  /** One transaction, 3 operations: read the team (a non-member: NOT_FOUND; decideLeave), write its members, remove the lock. */
  async leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord> {
    const _ = this.kit.command;
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId);
        if (!team.members.includes(studentNo)) throw new ApiError('NOT_FOUND', '你不在这个团队里');
        const refusal = decideLeave(team, studentNo);
        if (refusal) throw new ApiError(refusal);
        const next: TeamRecord = { ...team, members: team.members.filter((m) => m !== studentNo), updatedAt: now.toISOString() };
        await t.collection(TEAMS).doc(teamId).update({ data: { members: _.set(next.members), updatedAt: next.updatedAt } });
        await t.collection(TEAM_MEMBERS).doc(teamMemberId(team.eventId, studentNo)).remove();
        return next;
      },
      { busy: TEAM_BUSY },
    );
  }

  /** One transaction, 2 operations: read the team (leader only), write name, project, mentor. */
  async updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): Promise<TeamRecord> {
    const change: Partial<TeamRecord> = {};
    for (const key of ['name', 'project', 'mentor'] as const) if (typeof patch[key] === 'string') change[key] = patch[key];
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId);
        if (team.leaderStudentNo !== by) throw new ApiError('TEAM_NOT_LEADER');
        const next: TeamRecord = { ...team, ...change, updatedAt: now.toISOString() };
        await t.collection(TEAMS).doc(teamId).update({ data: { ...change, updatedAt: next.updatedAt } });
        return next;
      },
      { busy: TEAM_BUSY },
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
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId);
        const event = await readEventIn(t, team.eventId);
        const refusal = decideTeamSignup(team, teamLimits(event), by);
        if (refusal) throw new ApiError(refusal);
        // The event's status and window only: the seats are counted for the whole team below.
        const closed = signupWindowRefusal(event, now);
        if (closed) throw new ApiError(closed);
        // One after another: a transaction's operations are not sent in parallel (MongoDB sessions do not take that).
        const current: Array<{ no: string; registration: RegistrationRecord | null }> = [];
        for (const no of team.members) current.push({ no, registration: await readRegistrationIn(t, team.eventId, no) });
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
      },
      { busy: TEAM_BUSY, addExists: 'retry' },
    );
  }

  /** One transaction, 2 operations: read the team (decideReportSubmission), write the report and the status. */
  async submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): Promise<TeamRecord> {
    const _ = this.kit.command;
    const stamp = now.toISOString();
    const full = { title: report.title, summary: report.summary, link: report.link, submittedAt: stamp };
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId);
        const refusal = decideReportSubmission(team, by);
        if (refusal) throw new ApiError(refusal);
        const next: TeamRecord = { ...team, report: full, status: 'report_submitted', updatedAt: stamp };
        await t.collection(TEAMS).doc(teamId).update({ data: { report: _.set(full), status: next.status, updatedAt: stamp } });
        return next;
      },
      { busy: TEAM_BUSY },
    );
  }

  /** One transaction, 3 operations: read the team (decideReview), write status and review, add the audit entry. */
  async reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord> {
    const _ = this.kit.command;
    const stamp = now.toISOString();
    return this.kit.transact(
      async (t) => {
        const team = await readTeamIn(t, teamId);
        const refusal = decideReview(team);
        if (refusal) throw new ApiError(refusal);
        const review = { by, at: stamp, reason };
        const next: TeamRecord = { ...team, status: approve ? 'approved' : 'returned', review, updatedAt: stamp };
        await t.collection(TEAMS).doc(teamId).update({ data: { status: next.status, review: _.set(review), updatedAt: stamp } });
        await this.kit.addAudit(t, audit);
        return next;
      },
      { busy: TEAM_BUSY },
    );
  }
}

/** The size limits of a team for this event: a practice event's own, within TEAM_SIZE_BOUND. */
function teamLimits(event: Pick<EventRecord, 'details'> | null): TeamLimits {
  const details = event?.details;
  if (details?.kind === 'practice') {
    return { teamSizeMin: Math.max(1, details.teamSizeMin), teamSizeMax: Math.min(TEAM_SIZE_BOUND, details.teamSizeMax) };
  }
  return { teamSizeMin: 1, teamSizeMax: TEAM_SIZE_BOUND };
}

async function readTeamIn(t: WxTransaction, teamId: string, missing: 'NOT_FOUND' | 'TEAM_CODE_INVALID' = 'NOT_FOUND'): Promise<TeamRecord> {
  const doc = await readDoc(t.collection(TEAMS).doc(teamId));
  if (!doc) throw new ApiError(missing, missing === 'NOT_FOUND' ? '没有找到这个团队' : undefined);
  return teamFromDoc(doc);
}

// ---- documents (collections and fields: documents.ts) ----

/** The lock of "one team per student per event". */
function teamMemberId(eventId: string, studentNo: string): string {
  return `${eventId}:${studentNo}`;
}

function teamToDoc(t: TeamRecord): Record<string, unknown> {
  return {
    eventId: t.eventId,
    name: t.name,
    project: t.project,
    leaderStudentNo: t.leaderStudentNo,
    members: [...t.members],
    mentor: t.mentor,
    joinCode: t.joinCode,
    status: t.status,
    report: t.report,
    review: t.review,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

function teamFromDoc(d: WxDoc): TeamRecord {
  const report = d.report as TeamRecord['report'] | undefined;
  const review = d.review as TeamRecord['review'] | undefined;
  return {
    id: String(d._id),
    eventId: d.eventId as string,
    name: d.name as string,
    project: typeof d.project === 'string' ? d.project : '',
    leaderStudentNo: d.leaderStudentNo as string,
    members: Array.isArray(d.members) ? d.members.filter((m): m is string => typeof m === 'string') : [],
    mentor: typeof d.mentor === 'string' ? d.mentor : '',
    joinCode: d.joinCode as string,
    status: d.status as TeamRecord['status'],
    report: report && typeof report === 'object' ? { title: report.title, summary: report.summary, link: report.link, submittedAt: report.submittedAt } : null,
    review: review && typeof review === 'object' ? { by: review.by, at: review.at, reason: review.reason } : null,
    createdAt: d.createdAt as string,
    updatedAt: d.updatedAt as string,
  };
}
