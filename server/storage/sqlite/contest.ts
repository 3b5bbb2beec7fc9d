import { ApiError } from '../../../types';
import type { ContestEntry, ContestRound, ContestScore, Lecturer, LecturerTalk } from '../../../core';
import type { ContestPort } from '../ports';
import type { SqliteKit } from './kit';

const ROUND_NOT_FOUND = '没有找到这轮比赛，可能已被删除';

interface RoundRow {
  id: string; year: number; level: string; college: string; title: string; description: string; tracks: string;
  entry_mode: string; deadline_at: string; status: string; sheet: string; conflict_rule: number;
  judges_per_entry: number | null; credits: string; event_id: string | null; judges: string; assignments: string;
  entry_seq: number; results: string | null; created_by: string; created_at: string; updated_at: string;
}

interface EntryRow {
  id: string; round_id: string; track: string; entrant_kind: string; student_no: string | null; branch: string;
  college: string; team_name: string; members: string; topic: string; outline: string; mentor: string;
  materials: string; status: string; submitted_by: string; submitted_at: string; created_at: string; updated_at: string;
}

interface ScoreRow {
  entry_id: string; judge: string; round_id: string; marks: string; total: number; comment: string; submitted_at: string;
}

interface LecturerRow {
  year: number; openid: string; level: string; college: string; active: number; added_by: string; updated_at: string;
}

interface TalkRow {
  id: string; year: number; openid: string; date: string; place: string; on_campus: number; audience: number;
  topic: string; photo: string | null; status: string; decided_by: string | null; decided_at: string | null;
  decision_reason: string | null; created_at: string;
}

function roundFromRow(r: RoundRow): ContestRound {
  return {
    id: r.id, year: r.year, level: r.level as ContestRound['level'], college: r.college, title: r.title,
    description: r.description, tracks: JSON.parse(r.tracks), entryMode: r.entry_mode as ContestRound['entryMode'],
    deadlineAt: r.deadline_at, status: r.status as ContestRound['status'], sheet: JSON.parse(r.sheet),
    conflictRule: r.conflict_rule === 1, judgesPerEntry: r.judges_per_entry, credits: JSON.parse(r.credits),
    eventId: r.event_id, judges: JSON.parse(r.judges), assignments: JSON.parse(r.assignments), entrySeq: r.entry_seq,
    results: r.results === null ? null : JSON.parse(r.results), createdBy: r.created_by, createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function roundToRow(r: ContestRound): RoundRow {
  return {
    id: r.id, year: r.year, level: r.level, college: r.college, title: r.title, description: r.description,
    tracks: JSON.stringify(r.tracks), entry_mode: r.entryMode, deadline_at: r.deadlineAt, status: r.status,
    sheet: JSON.stringify(r.sheet), conflict_rule: r.conflictRule ? 1 : 0, judges_per_entry: r.judgesPerEntry,
    credits: JSON.stringify(r.credits), event_id: r.eventId, judges: JSON.stringify(r.judges),
    assignments: JSON.stringify(r.assignments), entry_seq: r.entrySeq,
    results: r.results === null ? null : JSON.stringify(r.results), created_by: r.createdBy, created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function entryFromRow(r: EntryRow): ContestEntry {
  return {
    id: r.id, roundId: r.round_id, track: r.track as ContestEntry['track'], entrantKind: r.entrant_kind as ContestEntry['entrantKind'],
    studentNo: r.student_no, branch: r.branch, college: r.college, teamName: r.team_name, members: JSON.parse(r.members),
    topic: r.topic, outline: r.outline, mentor: r.mentor, materials: JSON.parse(r.materials),
    status: r.status as ContestEntry['status'], submittedBy: r.submitted_by, submittedAt: r.submitted_at,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function entryToRow(e: ContestEntry): EntryRow {
  return {
    id: e.id, round_id: e.roundId, track: e.track, entrant_kind: e.entrantKind, student_no: e.studentNo, branch: e.branch,
    college: e.college, team_name: e.teamName, members: JSON.stringify(e.members), topic: e.topic, outline: e.outline,
    mentor: e.mentor, materials: JSON.stringify(e.materials), status: e.status, submitted_by: e.submittedBy,
    submitted_at: e.submittedAt, created_at: e.createdAt, updated_at: e.updatedAt,
  };
}

function scoreFromRow(r: ScoreRow): ContestScore {
  return { roundId: r.round_id, entryId: r.entry_id, judge: r.judge, marks: JSON.parse(r.marks), total: r.total, comment: r.comment, submittedAt: r.submitted_at };
}

function lecturerFromRow(r: LecturerRow): Lecturer {
  return { year: r.year, openid: r.openid, level: r.level as Lecturer['level'], college: r.college, active: r.active === 1, addedBy: r.added_by, updatedAt: r.updated_at };
}

function talkFromRow(r: TalkRow): LecturerTalk {
  return {
    id: r.id, year: r.year, openid: r.openid, date: r.date, place: r.place, onCampus: r.on_campus === 1, audience: r.audience,
    topic: r.topic, photo: r.photo === null ? null : JSON.parse(r.photo), status: r.status as LecturerTalk['status'],
    decidedBy: r.decided_by, decidedAt: r.decided_at, decisionReason: r.decision_reason, createdAt: r.created_at,
  };
}

function talkToRow(t: LecturerTalk): TalkRow {
  return {
    id: t.id, year: t.year, openid: t.openid, date: t.date, place: t.place, on_campus: t.onCampus ? 1 : 0, audience: t.audience,
    topic: t.topic, photo: t.photo === null ? null : JSON.stringify(t.photo), status: t.status, decided_by: t.decidedBy,
    decided_at: t.decidedAt, decision_reason: t.decisionReason, created_at: t.createdAt,
  };
}

/**
 * The contest and the lecturer team on SQLite. Every write is one job of the group commit, which reads what the
 * decision needs, asks it, and writes: jobs run one after another, so an entry, the start of judging and a
 * publication never interleave.
 */
export function sqliteContest(kit: SqliteKit): ContestPort {
  const { db } = kit;
  const q = {
    round: db.prepare<[string], RoundRow>('SELECT * FROM contest_rounds WHERE id = ?'),
    roundsOfYear: db.prepare<[number], RoundRow>('SELECT * FROM contest_rounds WHERE year = ? ORDER BY deadline_at, id'),
    roundsOfJudge: db.prepare<[string], RoundRow>(
      `SELECT * FROM contest_rounds r WHERE EXISTS (SELECT 1 FROM json_each(r.judges) j WHERE json_extract(j.value, '$.openid') = ?)
        ORDER BY deadline_at, id`,
    ),
    insertRound: db.prepare<[RoundRow]>(
      `INSERT INTO contest_rounds (id, year, level, college, title, description, tracks, entry_mode, deadline_at, status, sheet,
         conflict_rule, judges_per_entry, credits, event_id, judges, assignments, entry_seq, results, created_by, created_at, updated_at)
       VALUES (@id, @year, @level, @college, @title, @description, @tracks, @entry_mode, @deadline_at, @status, @sheet,
         @conflict_rule, @judges_per_entry, @credits, @event_id, @judges, @assignments, @entry_seq, @results, @created_by, @created_at, @updated_at)`,
    ),
    updateRound: db.prepare<[RoundRow]>(
      `UPDATE contest_rounds SET year = @year, level = @level, college = @college, title = @title, description = @description,
         tracks = @tracks, entry_mode = @entry_mode, deadline_at = @deadline_at, status = @status, sheet = @sheet,
         conflict_rule = @conflict_rule, judges_per_entry = @judges_per_entry, credits = @credits, event_id = @event_id,
         judges = @judges, assignments = @assignments, entry_seq = @entry_seq, results = @results, updated_at = @updated_at
       WHERE id = @id`,
    ),
    bumpSeq: db.prepare<[string]>('UPDATE contest_rounds SET entry_seq = entry_seq + 1 WHERE id = ?'),
    entry: db.prepare<[string], EntryRow>('SELECT * FROM contest_entries WHERE id = ?'),
    entriesOfRound: db.prepare<[string], EntryRow>('SELECT * FROM contest_entries WHERE round_id = ? ORDER BY id'),
    entriesOf: db.prepare<[{ studentNo: string | null; branch: string | null }], EntryRow>(
      `SELECT * FROM contest_entries e
        WHERE (@studentNo IS NOT NULL AND (e.student_no = @studentNo OR EXISTS (SELECT 1 FROM json_each(e.members) m WHERE m.value = @studentNo)))
           OR (@branch IS NOT NULL AND e.entrant_kind = 'branch' AND e.branch = @branch)
        ORDER BY e.round_id, e.id`,
    ),
    upsertEntry: db.prepare<[EntryRow]>(
      `INSERT INTO contest_entries (id, round_id, track, entrant_kind, student_no, branch, college, team_name, members, topic,
         outline, mentor, materials, status, submitted_by, submitted_at, created_at, updated_at)
       VALUES (@id, @round_id, @track, @entrant_kind, @student_no, @branch, @college, @team_name, @members, @topic,
         @outline, @mentor, @materials, @status, @submitted_by, @submitted_at, @created_at, @updated_at)
       ON CONFLICT (id) DO UPDATE SET team_name = excluded.team_name, members = excluded.members, topic = excluded.topic,
         outline = excluded.outline, mentor = excluded.mentor, materials = excluded.materials, status = excluded.status,
         college = excluded.college, submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at,
         updated_at = excluded.updated_at`,
    ),
    scoresOfRound: db.prepare<[string], ScoreRow>('SELECT * FROM contest_scores WHERE round_id = ? ORDER BY entry_id, judge'),
    score: db.prepare<[string, string], ScoreRow>('SELECT * FROM contest_scores WHERE entry_id = ? AND judge = ?'),
    insertScore: db.prepare<[ScoreRow]>(
      `INSERT INTO contest_scores (entry_id, judge, round_id, marks, total, comment, submitted_at)
       VALUES (@entry_id, @judge, @round_id, @marks, @total, @comment, @submitted_at)`,
    ),
    lecturer: db.prepare<[number, string], LecturerRow>('SELECT * FROM lecturers WHERE year = ? AND openid = ?'),
    lecturers: db.prepare<[number], LecturerRow>('SELECT * FROM lecturers WHERE year = ? ORDER BY level DESC, college, openid'),
    putLecturer: db.prepare<[LecturerRow]>(
      `INSERT INTO lecturers (year, openid, level, college, active, added_by, updated_at)
       VALUES (@year, @openid, @level, @college, @active, @added_by, @updated_at)
       ON CONFLICT (year, openid) DO UPDATE SET level = excluded.level, college = excluded.college, active = excluded.active,
         added_by = excluded.added_by, updated_at = excluded.updated_at`,
    ),
    talk: db.prepare<[string], TalkRow>('SELECT * FROM lecturer_talks WHERE id = ?'),
    talks: db.prepare<[{ year: number | null; openid: string | null; status: string | null }], TalkRow>(
      `SELECT * FROM lecturer_talks
        WHERE (@year IS NULL OR year = @year) AND (@openid IS NULL OR openid = @openid) AND (@status IS NULL OR status = @status)
        ORDER BY date DESC, created_at DESC, id`,
    ),
    insertTalk: db.prepare<[TalkRow]>(
      `INSERT INTO lecturer_talks (id, year, openid, date, place, on_campus, audience, topic, photo, status, decided_by,
         decided_at, decision_reason, created_at)
       VALUES (@id, @year, @openid, @date, @place, @on_campus, @audience, @topic, @photo, @status, @decided_by,
         @decided_at, @decision_reason, @created_at)`,
    ),
    decideTalk: db.prepare<[TalkRow]>(
      'UPDATE lecturer_talks SET status = @status, decided_by = @decided_by, decided_at = @decided_at, decision_reason = @decision_reason WHERE id = @id',
    ),
  };

  const roundOf = (roundId: string): ContestRound => {
    const row = q.round.get(roundId);
    if (!row) throw new ApiError('NOT_FOUND', ROUND_NOT_FOUND);
    return roundFromRow(row);
  };
  const entriesOfRound = (roundId: string) => q.entriesOfRound.all(roundId).map(entryFromRow);
  const writeRound = (next: ContestRound) => {
    q.updateRound.run(roundToRow(next));
    return next;
  };

  return {
    createContestRound(round, audit) {
      return kit.run(() => {
        if (q.round.get(round.id)) throw new ApiError('INVALID_INPUT', '比赛编号已存在，请重试');
        q.insertRound.run(roundToRow(round));
        kit.audit(audit);
        return round;
      });
    },

    async getContestRound(roundId) {
      const row = q.round.get(roundId);
      return row ? roundFromRow(row) : null;
    },

    async listContestRounds(filter) {
      const rows = filter.judge !== undefined ? q.roundsOfJudge.all(filter.judge) : q.roundsOfYear.all(filter.year ?? 0);
      return rows.map(roundFromRow).filter((r) => filter.year === undefined || r.year === filter.year);
    },

    changeContestRound(roundId, change, audit) {
      return kit.run(() => {
        const next = change(roundOf(roundId));
        writeRound(next);
        kit.audit(audit(next));
        return next;
      });
    },

    startContestJudging(roundId, plan, audit) {
      return kit.run(() => {
        const round = roundOf(roundId);
        const next = plan(round, entriesOfRound(roundId));
        if (next !== round) {
          writeRound(next);
          kit.audit(audit(next));
        }
        return next;
      });
    },

    publishContestResults(roundId, decide, audit) {
      return kit.run(() => {
        const round = roundOf(roundId);
        const next = decide(round, entriesOfRound(roundId), q.scoresOfRound.all(roundId).map(scoreFromRow));
        if (next !== round) {
          writeRound(next);
          kit.audit(audit(next));
        }
        return next;
      });
    },

    async getContestEntry(entryId) {
      const row = q.entry.get(entryId);
      return row ? entryFromRow(row) : null;
    },

    async listContestEntries(filter) {
      const out = new Map<string, ContestEntry>();
      for (const roundId of filter.roundIds ?? []) for (const e of entriesOfRound(roundId)) out.set(e.id, e);
      if (filter.studentNo !== undefined || filter.branch !== undefined) {
        for (const row of q.entriesOf.all({ studentNo: filter.studentNo ?? null, branch: filter.branch ?? null })) out.set(row.id, entryFromRow(row));
      }
      return [...out.values()].sort((a, b) => (a.roundId < b.roundId ? -1 : a.roundId > b.roundId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    writeContestEntry(roundId, entryId, decide) {
      return kit.run(() => {
        const round = roundOf(roundId);
        const row = q.entry.get(entryId);
        const entry = decide(round, row ? entryFromRow(row) : null);
        q.upsertEntry.run(entryToRow(entry));
        q.bumpSeq.run(roundId);
        return entry;
      });
    },

    async listContestScores(roundId) {
      return q.scoresOfRound.all(roundId).map(scoreFromRow);
    },

    async getContestScore(entryId, judge) {
      const row = q.score.get(entryId, judge);
      return row ? scoreFromRow(row) : null;
    },

    submitContestScore(roundId, entryId, judge, decide) {
      return kit.run(() => {
        const round = roundOf(roundId);
        const row = q.score.get(entryId, judge);
        const score = decide(round, row ? scoreFromRow(row) : null);
        q.insertScore.run({
          entry_id: score.entryId, judge: score.judge, round_id: score.roundId, marks: JSON.stringify(score.marks),
          total: score.total, comment: score.comment, submitted_at: score.submittedAt,
        });
        return score;
      });
    },

    putLecturer(lecturer, audit) {
      return kit.run(() => {
        q.putLecturer.run({
          year: lecturer.year, openid: lecturer.openid, level: lecturer.level, college: lecturer.college,
          active: lecturer.active ? 1 : 0, added_by: lecturer.addedBy, updated_at: lecturer.updatedAt,
        });
        kit.audit(audit);
        return lecturer;
      });
    },

    async getLecturer(year, openid) {
      const row = q.lecturer.get(year, openid);
      return row ? lecturerFromRow(row) : null;
    },

    async listLecturers(year) {
      return q.lecturers.all(year).map(lecturerFromRow);
    },

    addLecturerTalk(talk) {
      return kit.run(() => {
        if (!q.lecturer.get(talk.year, talk.openid)) throw new ApiError('NOT_A_LECTURER');
        if (q.talk.get(talk.id)) throw new ApiError('INVALID_INPUT', '记录编号已存在，请重试');
        q.insertTalk.run(talkToRow(talk));
        return talk;
      });
    },

    async getLecturerTalk(talkId) {
      const row = q.talk.get(talkId);
      return row ? talkFromRow(row) : null;
    },

    async listLecturerTalks(filter) {
      return q.talks.all({ year: filter.year ?? null, openid: filter.openid ?? null, status: filter.status ?? null }).map(talkFromRow);
    },

    decideLecturerTalk(talkId, decide, audit) {
      return kit.run(() => {
        const row = q.talk.get(talkId);
        if (!row) throw new ApiError('NOT_FOUND', '没有找到这条宣讲记录');
        const next = decide(talkFromRow(row));
        q.decideTalk.run(talkToRow(next));
        kit.audit(audit(next));
        return next;
      });
    },
  };
}
