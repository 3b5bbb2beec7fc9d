import { ApiError } from '../../../types';
import {
  decideJoin,
  decideLeave,
  decideReportSubmission,
  decideReview,
  decideTeamSignup,
  signupWindowRefusal,
  type KindDetails,
  type TeamLimits,
  type TeamRecord,
} from '../../../core';
import type { TeamsPort } from '../ports';
import type { SqliteKit } from './kit';

const TEAM_NOT_FOUND = '没有找到这个团队，可能已被解散';

interface TeamRow {
  id: string; event_id: string; name: string; project: string; leader_student_no: string; mentor: string;
  join_code: string; status: string; report: string | null; review: string | null; created_at: string; updated_at: string;
}

/** A team's row and its members (student numbers in position order, the leader first). */
function teamFromRow(r: TeamRow, members: string[]): TeamRecord {
  return {
    id: r.id, eventId: r.event_id, name: r.name, project: r.project, leaderStudentNo: r.leader_student_no, members,
    mentor: r.mentor, joinCode: r.join_code, status: r.status as TeamRecord['status'],
    report: r.report === null ? null : (JSON.parse(r.report) as TeamRecord['report']),
    review: r.review === null ? null : (JSON.parse(r.review) as TeamRecord['review']),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function teamToRow(t: TeamRecord): TeamRow {
  return {
    id: t.id, event_id: t.eventId, name: t.name, project: t.project, leader_student_no: t.leaderStudentNo, mentor: t.mentor,
    join_code: t.joinCode, status: t.status, report: t.report === null ? null : JSON.stringify(t.report),
    review: t.review === null ? null : JSON.stringify(t.review), created_at: t.createdAt, updated_at: t.updatedAt,
  };
}

/** The team sizes of a social-practice event; an event without them (no practice details) limits nothing. */
function limitsFrom(details: KindDetails | null): TeamLimits {
  if (details?.kind === 'practice') return { teamSizeMin: details.teamSizeMin, teamSizeMax: details.teamSizeMax };
  return { teamSizeMin: 1, teamSizeMax: Number.MAX_SAFE_INTEGER };
}

/**
 * Social-practice teams on SQLite. Members are rows of team_members keyed (event, student), so "one team per student
 * per event" is the database's to keep (docs/data-model.md). Every change decides with the domain inside one job and
 * refuses before writing.
 */
export function sqliteTeams(kit: SqliteKit): TeamsPort {
  const { db } = kit;
  const q = {
    team: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE id = ?'),
    teamByCode: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE join_code = ?'),
    teamOfStudent: db.prepare<[string, string], TeamRow>(
      `SELECT t.* FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = ? AND m.student_no = ?`,
    ),
    teamIdOfStudent: db.prepare<[string, string], string>('SELECT team_id FROM team_members WHERE event_id = ? AND student_no = ?').pluck(),
    members: db.prepare<[string], string>('SELECT student_no FROM team_members WHERE team_id = ? ORDER BY position').pluck(),
    teams: db.prepare<[{ eventId: string | null; status: string | null; studentNo: string | null }], TeamRow>(
      `SELECT t.* FROM teams t
        WHERE (@eventId IS NULL OR t.event_id = @eventId)
          AND (@status IS NULL OR t.status = @status)
          AND (@studentNo IS NULL OR EXISTS (
                SELECT 1 FROM team_members m WHERE m.student_no = @studentNo AND m.team_id = t.id))
        ORDER BY t.created_at, t.id`,
    ),
    codeInUse: db.prepare<[string], number>('SELECT 1 FROM teams WHERE join_code = ?').pluck(),
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
  };

  const teamFrom = (row: TeamRow): TeamRecord => teamFromRow(row, q.members.all(row.id));
  const teamOrNull = (row: TeamRow | undefined): TeamRecord | null => (row ? teamFrom(row) : null);

  const teamOf = (teamId: string): TeamRecord => {
    const row = q.team.get(teamId);
    if (!row) throw new ApiError('NOT_FOUND', TEAM_NOT_FOUND);
    return teamFrom(row);
  };

  /** Writes the team's own fields (its members are rows of team_members, written by the caller). */
  const saveTeam = (team: TeamRecord): TeamRecord => {
    q.updateTeam.run(teamToRow(team));
    return team;
  };

  /** A new team with its members (the leader first); nobody in it may be in another team of the event. */
  function createTeamJob(team: TeamRecord): TeamRecord {
    kit.eventOf(team.eventId);
    const members = [team.leaderStudentNo, ...team.members.filter((m) => m !== team.leaderStudentNo)];
    for (const m of members) {
      if (q.teamIdOfStudent.get(team.eventId, m) !== undefined) throw new ApiError('TEAM_ALREADY_IN_ONE');
    }
    if (q.team.get(team.id)) throw new ApiError('INVALID_INPUT', '团队编号已存在，请重试');
    if (q.codeInUse.get(team.joinCode)) throw new ApiError('INVALID_INPUT', '入队码已被使用，请重试');
    q.insertTeam.run(teamToRow(team));
    members.forEach((m, position) => q.insertMember.run({ event_id: team.eventId, student_no: m, team_id: team.id, position }));
    return { ...team, members };
  }

  function joinTeamJob(joinCode: string, studentNo: string, now: Date): TeamRecord {
    const row = q.teamByCode.get(joinCode);
    if (!row) throw new ApiError('TEAM_CODE_INVALID');
    const team = teamFrom(row);
    const limits = limitsFrom(kit.eventOf(team.eventId).details);
    const refusal = decideJoin(team, limits, studentNo, q.teamIdOfStudent.get(team.eventId, studentNo) ?? null);
    if (refusal) throw new ApiError(refusal);
    q.insertMember.run({ event_id: team.eventId, student_no: studentNo, team_id: team.id, position: q.nextPosition.get(team.id)! });
    return saveTeam({ ...team, members: [...team.members, studentNo], updatedAt: now.toISOString() });
  }

  function leaveTeamJob(teamId: string, studentNo: string, now: Date): TeamRecord {
    const team = teamOf(teamId);
    if (!team.members.includes(studentNo)) throw new ApiError('NOT_FOUND', '你不在这个团队里');
    const refusal = decideLeave(team, studentNo);
    if (refusal) throw new ApiError(refusal);
    q.deleteMember.run(teamId, studentNo);
    return saveTeam({ ...team, members: team.members.filter((m) => m !== studentNo), updatedAt: now.toISOString() });
  }

  /**
   * The team signs up as one unit: the leader may (decideTeamSignup), the event takes sign-ups now (decideSignup's
   * status and window rules, seats aside), and there is a seat for every member without a confirmed registration.
   * Those get one (a waitlisted member leaves the line, a pending or cancelled one is confirmed); the others keep
   * theirs. Seats and the line change by one conditional write.
   */
  function signUpTeamJob(teamId: string, by: string, now: Date): TeamRecord {
    const team = teamOf(teamId);
    const event = kit.eventOf(team.eventId);
    const refusal = decideTeamSignup(team, limitsFrom(event.details), by);
    if (refusal) throw new ApiError(refusal);
    const closed = signupWindowRefusal(event, now);
    if (closed) throw new ApiError(closed);
    const existing = team.members.map((m) => ({ studentNo: m, row: kit.registrationRow(team.eventId, m) }));
    const needSeats = existing.filter((r) => r.row?.status !== 'confirmed');
    if (needSeats.length > event.seatsLeft) throw new ApiError('EVENT_FULL', `活动只剩 ${event.seatsLeft} 个名额，不够团队 ${needSeats.length} 人报名`);
    const leftLine = needSeats.filter((r) => r.row?.status === 'waitlisted').length;
    if (q.takeSeats.run({ id: team.eventId, seats: needSeats.length, leftLine }).changes !== 1) {
      throw new Error(`not enough seats in ${team.eventId} despite the check`);
    }
    const stamp = now.toISOString();
    for (const { studentNo, row } of needSeats) {
      const key = { event_id: team.eventId, student_no: studentNo, at: stamp };
      if (!row) q.insertConfirmed.run(key);
      else if (row.status === 'cancelled') q.renewConfirmed.run(key);
      else kit.setRegistrationStatus(team.eventId, studentNo, 'confirmed', stamp);
    }
    return saveTeam({ ...team, status: 'signed_up', updatedAt: stamp });
  }

  return {
    createTeam(team) {
      return kit.run(() => createTeamJob(team));
    },

    async getTeam(teamId) {
      return teamOrNull(q.team.get(teamId));
    },

    async findTeamByJoinCode(joinCode) {
      return teamOrNull(q.teamByCode.get(joinCode));
    },

    async teamOfStudent(eventId, studentNo) {
      return teamOrNull(q.teamOfStudent.get(eventId, studentNo));
    },

    async listTeams(filter) {
      return q.teams
        .all({ eventId: filter.eventId ?? null, status: filter.status ?? null, studentNo: filter.studentNo ?? null })
        .map(teamFrom);
    },

    joinTeam(joinCode, studentNo, now) {
      return kit.run(() => joinTeamJob(joinCode, studentNo, now));
    },

    leaveTeam(teamId, studentNo, now) {
      return kit.run(() => leaveTeamJob(teamId, studentNo, now));
    },

    updateTeam(teamId, by, patch, now) {
      return kit.run(() => {
        const team = teamOf(teamId);
        if (team.leaderStudentNo !== by) throw new ApiError('TEAM_NOT_LEADER');
        const { name = team.name, project = team.project, mentor = team.mentor } = patch;
        return saveTeam({ ...team, name, project, mentor, updatedAt: now.toISOString() });
      });
    },

    signUpTeam(teamId, by, now) {
      return kit.run(() => signUpTeamJob(teamId, by, now));
    },

    submitTeamReport(teamId, by, report, now) {
      return kit.run(() => {
        const team = teamOf(teamId);
        const refusal = decideReportSubmission(team, by);
        if (refusal) throw new ApiError(refusal);
        const stamp = now.toISOString();
        return saveTeam({
          ...team,
          status: 'report_submitted',
          report: { title: report.title, summary: report.summary, link: report.link, submittedAt: stamp },
          updatedAt: stamp,
        });
      });
    },

    reviewTeam(teamId, approve, by, reason, now, audit) {
      return kit.run(() => {
        const team = teamOf(teamId);
        const refusal = decideReview(team);
        if (refusal) throw new ApiError(refusal);
        const stamp = now.toISOString();
        const reviewed = saveTeam({ ...team, status: approve ? 'approved' : 'returned', review: { by, at: stamp, reason }, updatedAt: stamp });
        kit.audit(audit);
        return reviewed;
      });
    },
  };
}
