import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import {
  decideJoin,
  decideLeave,
  decideReportSubmission,
  decideReview,
  signupWindowRefusal,
  decideTeamSignup,
  mayTransition,
  statusAfter,
  type AuditDraft,
  type EventRecord,
  type KindDetails,
  type NotificationKind,
  type OutboxMessage,
  type PlanSettings,
  type RegistrationRecord,
  type TeamLimits,
  type TeamRecord,
} from '../../../core';
import type { EditableEventFields } from '../ports';
import {
  EVENT_COLUMNS,
  eventFromRow,
  eventToRow,
  outboxToRow,
  registrationFromRow,
  teamFromRow,
  teamToRow,
  type EventRow,
  type OutboxRow,
  type RegistrationRow,
  type TeamRow,
} from './rows';

const EVENT_NOT_FOUND = '没有找到这个活动，可能已被删除';
const TEAM_NOT_FOUND = '没有找到这个团队，可能已被解散';

/**
 * The committee's writes (issue 6) on one connection, each a synchronous job for the group commit's transaction. As
 * in SqliteWriteSession, a job throws ApiError only before its first write: every refusal (the domain's decisions
 * included) is decided from what the job read, and only then does it write.
 */
export class SqliteCommitteeSession {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      event: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      insertEvent: db.prepare<[EventRow]>(
        `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      ),
      updateEvent: db.prepare<[EventRow]>(
        `UPDATE events SET ${EVENT_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
      ),
      setEventStatus: db.prepare<[string, string | null, string, string]>(
        'UPDATE events SET status = ?, cancel_reason = ?, updated_at = ? WHERE id = ?',
      ),
      registration: db.prepare<[string, string], RegistrationRow>('SELECT * FROM registrations WHERE event_id = ? AND student_no = ?'),
      setStatus: db.prepare<[string, string, string, string]>(
        'UPDATE registrations SET status = ?, updated_at = ? WHERE event_id = ? AND student_no = ?',
      ),
      takeSeat: db.prepare<[string]>('UPDATE events SET seats_left = seats_left - 1 WHERE id = ? AND seats_left > 0'),
      // A team's sign-up: its new seats and the members who leave the line, by one conditional write.
      takeSeats: db.prepare<[{ id: string; seats: number; leftLine: number }]>(
        `UPDATE events SET seats_left = seats_left - @seats, waitlist_count = waitlist_count - @leftLine
          WHERE id = @id AND seats_left >= @seats AND waitlist_count >= @leftLine`,
      ),
      insertConfirmed: db.prepare<[{ event_id: string; student_no: string; at: string }]>(
        `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at)
         VALUES (@event_id, @student_no, 'confirmed', NULL, @at, @at)`,
      ),
      // A cancelled registration renewed by the team's sign-up: a new sign-up (created now), its pass number kept.
      renewConfirmed: db.prepare<[{ event_id: string; student_no: string; at: string }]>(
        `UPDATE registrations SET status = 'confirmed', waitlist_seq = NULL, created_at = @at, updated_at = @at
          WHERE event_id = @event_id AND student_no = @student_no AND status = 'cancelled'`,
      ),
      audit: db.prepare<[AuditDraft]>('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail)'),
      team: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE id = ?'),
      teamByCode: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE join_code = ?'),
      codeInUse: db.prepare<[string], number>('SELECT 1 FROM teams WHERE join_code = ?').pluck(),
      members: db.prepare<[string], string>('SELECT student_no FROM team_members WHERE team_id = ? ORDER BY position').pluck(),
      teamOfStudent: db.prepare<[string, string], string>('SELECT team_id FROM team_members WHERE event_id = ? AND student_no = ?').pluck(),
      nextPosition: db.prepare<[string], number>('SELECT coalesce(max(position), -1) + 1 FROM team_members WHERE team_id = ?').pluck(),
      insertTeam: db.prepare<[TeamRow]>(
        `INSERT INTO teams (id, event_id, name, project, leader_student_no, mentor, join_code, status, report, review,
           created_at, updated_at)
         VALUES (@id, @event_id, @name, @project, @leader_student_no, @mentor, @join_code, @status, @report, @review,
           @created_at, @updated_at)`,
      ),
      updateTeam: db.prepare<[TeamRow]>(
        `UPDATE teams SET name = @name, project = @project, mentor = @mentor, status = @status, report = @report,
           review = @review, updated_at = @updated_at WHERE id = @id`,
      ),
      insertMember: db.prepare<[{ event_id: string; student_no: string; team_id: string; position: number }]>(
        'INSERT INTO team_members (event_id, student_no, team_id, position) VALUES (@event_id, @student_no, @team_id, @position)',
      ),
      deleteMember: db.prepare<[string, string]>('DELETE FROM team_members WHERE team_id = ? AND student_no = ?'),
      enqueue: db.prepare<[OutboxRow]>(
        `INSERT INTO outbox (key, kind, student_no, event_id, data, status, attempts, next_attempt_at, last_error,
           created_at, sent_at, deadline_at)
         VALUES (@key, @kind, @student_no, @event_id, @data, @status, @attempts, @next_attempt_at, @last_error,
           @created_at, @sent_at, @deadline_at)
         ON CONFLICT (key) DO NOTHING`,
      ),
      saveMessage: db.prepare<[OutboxRow]>(
        `UPDATE outbox SET status = @status, attempts = @attempts, next_attempt_at = @next_attempt_at,
           last_error = @last_error, sent_at = @sent_at WHERE key = @key`,
      ),
      skipMessage: db.prepare<[string, string]>(`UPDATE outbox SET status = 'skipped', last_error = ? WHERE key = ? AND status = 'pending'`),
      addConsent: db.prepare<[string, string, number], number>(
        `INSERT INTO consents (student_no, kind, remaining) VALUES (?, ?, ?)
         ON CONFLICT (student_no, kind) DO UPDATE SET remaining = remaining + excluded.remaining RETURNING remaining`,
      ).pluck(),
      consumeConsent: db.prepare<[string, string]>(
        'UPDATE consents SET remaining = remaining - 1 WHERE student_no = ? AND kind = ? AND remaining > 0',
      ),
      putPlan: db.prepare<[string, string]>(
        `INSERT INTO plan_settings (id, settings, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      ),
    };
  }

  /** A new event with its counters zeroed; INVALID_INPUT when the id is taken or the status is not draft/published. */
  createEvent(event: EventRecord, audit: AuditDraft): EventRecord {
    if (this.q.event.get(event.id)) throw new ApiError('INVALID_INPUT', '活动编号已存在，请刷新后重试');
    if (event.status !== 'draft' && event.status !== 'published') throw new ApiError('INVALID_INPUT', '新活动只能是草稿或直接发布');
    const stored: EventRecord = { ...event, seatsLeft: event.capacity, waitlistCount: 0, waitlistSeq: 0, checkedInCount: 0, checkedOutCount: 0 };
    this.q.insertEvent.run(eventToRow(stored));
    this.q.audit.run(audit);
    return stored;
  }

  /** The organiser's fields; the counters, status, staff, creator and cancel reason are kept; seats move with capacity. */
  updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): EventRecord {
    const current = this.eventOf(eventId);
    if (!mayTransition(current.status, 'edit')) throw new ApiError('EVENT_CANCELLED', '该活动已取消，不能再修改');
    const confirmed = current.capacity - current.seatsLeft;
    if (fields.capacity < confirmed) throw new ApiError('CAPACITY_BELOW_CONFIRMED', `名额不能少于已报名成功的 ${confirmed} 人`);
    const next: EventRecord = {
      ...current,
      ...fields,
      id: current.id,
      status: current.status,
      seatsLeft: fields.capacity - confirmed,
      waitlistCount: current.waitlistCount,
      waitlistSeq: current.waitlistSeq,
      checkedInCount: current.checkedInCount,
      checkedOutCount: current.checkedOutCount,
      staffOpenids: current.staffOpenids,
      createdBy: current.createdBy,
      cancelReason: current.cancelReason,
    };
    this.q.updateEvent.run(eventToRow(next));
    this.q.audit.run(audit);
    return next;
  }

  changeEventStatus(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): EventRecord {
    const current = this.eventOf(eventId);
    if (!mayTransition(current.status, action)) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
    const status = statusAfter(current.status, action);
    const cancelReason = action === 'cancel' ? reason : current.cancelReason;
    this.q.setEventStatus.run(status, cancelReason, audit.at, eventId);
    this.q.audit.run(audit);
    return { ...current, status, cancelReason, updatedAt: audit.at };
  }

  /** An organiser's decision on a pending application: a seat (EVENT_FULL when none is left) or a refusal. */
  decideApplication(eventId: string, studentNo: string, approve: boolean, now: Date, audit: AuditDraft): { registration: RegistrationRecord; event: EventRecord } {
    const event = this.eventOf(eventId);
    const row = this.q.registration.get(eventId, studentNo);
    if (!row || row.status !== 'pending') throw new ApiError('NOT_PENDING');
    if (approve && event.seatsLeft <= 0) throw new ApiError('EVENT_FULL', '名额已满，不能再通过申请');
    const stamp = now.toISOString();
    const status = approve ? 'confirmed' : 'cancelled';
    if (approve && this.q.takeSeat.run(eventId).changes !== 1) throw new Error(`no seat left in ${eventId} despite the check`);
    this.q.setStatus.run(status, stamp, eventId, studentNo);
    this.q.audit.run(audit);
    return {
      registration: { ...registrationFromRow(row), status, updatedAt: stamp },
      event: approve ? { ...event, seatsLeft: event.seatsLeft - 1 } : event,
    };
  }

  /** A new team with its members (the leader first); nobody in it may be in another team of the event. */
  createTeam(team: TeamRecord): TeamRecord {
    this.eventOf(team.eventId);
    const members = [team.leaderStudentNo, ...team.members.filter((m) => m !== team.leaderStudentNo)];
    for (const m of members) {
      if (this.q.teamOfStudent.get(team.eventId, m) !== undefined) throw new ApiError('TEAM_ALREADY_IN_ONE');
    }
    if (this.q.team.get(team.id)) throw new ApiError('INVALID_INPUT', '团队编号已存在，请重试');
    if (this.q.codeInUse.get(team.joinCode)) throw new ApiError('INVALID_INPUT', '入队码已被使用，请重试');
    this.q.insertTeam.run(teamToRow(team));
    members.forEach((m, position) => this.q.insertMember.run({ event_id: team.eventId, student_no: m, team_id: team.id, position }));
    return { ...team, members };
  }

  joinTeam(joinCode: string, studentNo: string, now: Date): TeamRecord {
    const row = this.q.teamByCode.get(joinCode);
    if (!row) throw new ApiError('TEAM_CODE_INVALID');
    const team = this.teamFrom(row);
    const refusal = decideJoin(team, this.limitsOf(team.eventId), studentNo, this.q.teamOfStudent.get(team.eventId, studentNo) ?? null);
    if (refusal) throw new ApiError(refusal);
    this.q.insertMember.run({ event_id: team.eventId, student_no: studentNo, team_id: team.id, position: this.q.nextPosition.get(team.id)! });
    return this.saveTeam({ ...team, members: [...team.members, studentNo], updatedAt: now.toISOString() });
  }

  leaveTeam(teamId: string, studentNo: string, now: Date): TeamRecord {
    const team = this.teamOf(teamId);
    if (!team.members.includes(studentNo)) throw new ApiError('NOT_FOUND', '你不在这个团队里');
    const refusal = decideLeave(team, studentNo);
    if (refusal) throw new ApiError(refusal);
    this.q.deleteMember.run(teamId, studentNo);
    return this.saveTeam({ ...team, members: team.members.filter((m) => m !== studentNo), updatedAt: now.toISOString() });
  }

  updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): TeamRecord {
    const team = this.teamOf(teamId);
    if (team.leaderStudentNo !== by) throw new ApiError('TEAM_NOT_LEADER');
    const { name = team.name, project = team.project, mentor = team.mentor } = patch;
    return this.saveTeam({ ...team, name, project, mentor, updatedAt: now.toISOString() });
  }

  /**
   * The team signs up as one unit: the leader may (decideTeamSignup), the event takes sign-ups now (decideSignup's
   * status and window rules, seats aside), and there is a seat for every member without a confirmed registration.
   * Those get one (a waitlisted member leaves the line, a pending or cancelled one is confirmed); the others keep
   * theirs. Seats and the line change by one conditional write.
   */
  signUpTeam(teamId: string, by: string, now: Date): TeamRecord {
    const team = this.teamOf(teamId);
    const event = this.eventOf(team.eventId);
    const refusal = decideTeamSignup(team, limitsFrom(event.details), by);
    if (refusal) throw new ApiError(refusal);
    const closed = signupWindowRefusal(event, now);
    if (closed) throw new ApiError(closed);
    const existing = team.members.map((m) => ({ studentNo: m, row: this.q.registration.get(team.eventId, m) }));
    const needSeats = existing.filter((r) => r.row?.status !== 'confirmed');
    if (needSeats.length > event.seatsLeft) throw new ApiError('EVENT_FULL', `活动只剩 ${event.seatsLeft} 个名额，不够团队 ${needSeats.length} 人报名`);
    const leftLine = needSeats.filter((r) => r.row?.status === 'waitlisted').length;
    if (this.q.takeSeats.run({ id: team.eventId, seats: needSeats.length, leftLine }).changes !== 1) {
      throw new Error(`not enough seats in ${team.eventId} despite the check`);
    }
    const stamp = now.toISOString();
    for (const { studentNo, row } of needSeats) {
      const key = { event_id: team.eventId, student_no: studentNo, at: stamp };
      if (!row) this.q.insertConfirmed.run(key);
      else if (row.status === 'cancelled') this.q.renewConfirmed.run(key);
      else this.q.setStatus.run('confirmed', stamp, team.eventId, studentNo);
    }
    return this.saveTeam({ ...team, status: 'signed_up', updatedAt: stamp });
  }

  submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): TeamRecord {
    const team = this.teamOf(teamId);
    const refusal = decideReportSubmission(team, by);
    if (refusal) throw new ApiError(refusal);
    const stamp = now.toISOString();
    return this.saveTeam({
      ...team,
      status: 'report_submitted',
      report: { title: report.title, summary: report.summary, link: report.link, submittedAt: stamp },
      updatedAt: stamp,
    });
  }

  reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): TeamRecord {
    const team = this.teamOf(teamId);
    const refusal = decideReview(team);
    if (refusal) throw new ApiError(refusal);
    const stamp = now.toISOString();
    const reviewed = this.saveTeam({ ...team, status: approve ? 'approved' : 'returned', review: { by, at: stamp, reason }, updatedAt: stamp });
    this.q.audit.run(audit);
    return reviewed;
  }

  /** Inserts the messages whose key is new (a key twice in one call counts once); answers how many. */
  enqueueNotifications(messages: OutboxMessage[]): number {
    let added = 0;
    for (const m of messages) added += this.q.enqueue.run(outboxToRow(m)).changes;
    return added;
  }

  skipNotifications(keys: readonly string[], reason: string): void {
    for (const key of keys) this.q.skipMessage.run(reason, key);
  }

  saveNotification(message: OutboxMessage): void {
    this.q.saveMessage.run(outboxToRow(message));
  }

  addConsent(studentNo: string, kind: NotificationKind, accepted: number): number {
    return this.q.addConsent.get(studentNo, kind, accepted)!;
  }

  consumeConsent(studentNo: string, kind: NotificationKind): boolean {
    return this.q.consumeConsent.run(studentNo, kind).changes === 1;
  }

  putPlanSettings(settings: PlanSettings, audit: AuditDraft): void {
    this.q.putPlan.run(JSON.stringify(settings), audit.at);
    this.q.audit.run(audit);
  }

  private eventOf(eventId: string): EventRecord {
    const row = this.q.event.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', EVENT_NOT_FOUND);
    return eventFromRow(row);
  }

  private limitsOf(eventId: string): TeamLimits {
    return limitsFrom(this.eventOf(eventId).details);
  }

  private teamOf(teamId: string): TeamRecord {
    const row = this.q.team.get(teamId);
    if (!row) throw new ApiError('NOT_FOUND', TEAM_NOT_FOUND);
    return this.teamFrom(row);
  }

  private teamFrom(row: TeamRow): TeamRecord {
    return teamFromRow(row, this.q.members.all(row.id));
  }

  /** Writes the team's own fields (its members are rows of team_members, written by the caller). */
  private saveTeam(team: TeamRecord): TeamRecord {
    this.q.updateTeam.run(teamToRow(team));
    return team;
  }
}

/** The team sizes of a social-practice event; an event without them (no practice details) limits nothing. */
export function limitsFrom(details: KindDetails | null): TeamLimits {
  if (details?.kind === 'practice') return { teamSizeMin: details.teamSizeMin, teamSizeMax: details.teamSizeMax };
  return { teamSizeMin: 1, teamSizeMax: Number.MAX_SAFE_INTEGER };
}
