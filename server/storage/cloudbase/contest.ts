import { ApiError } from '../../../types';
import type { AuditDraft, ContestEntry, ContestRound, ContestScore, Lecturer, LecturerTalk } from '../../../core';
import type { ContestPort } from '../ports';
import { COLLECTIONS } from './documents';
import { StaleReadError } from './errors';
import { addIn, compareText, readDoc, type CloudbaseKit, type WxScope } from './kit';
import type { WxDoc } from './wx-db';

const { contestRounds: ROUNDS, contestEntries: ENTRIES, contestScores: SCORES, lecturers: LECTURERS, lecturerTalks: TALKS } = COLLECTIONS;

const ROUND_NOT_FOUND = '没有找到这轮比赛，可能已被删除';
const CONTEST_BUSY = '提交的人较多，请稍后再试';

/** `contestScores/<entryId>:<judge>`: one score per entry and judge, by construction. */
export const scoreId = (entryId: string, judge: string) => `${entryId}:${judge}`;
export const lecturerId = (year: number, openid: string) => `${year}:${openid}`;

/** A round's document: the record without its id, and `judgeOpenids` (the judges' accounts, for "the rounds I judge"). */
function roundToDoc(r: ContestRound): Record<string, unknown> {
  const { id: _id, ...rest } = r;
  return { ...rest, judgeOpenids: r.judges.map((j) => j.openid) };
}

function roundFromDoc(d: WxDoc): ContestRound {
  return {
    id: String(d._id),
    year: Number(d.year),
    level: d.level as ContestRound['level'],
    college: String(d.college ?? ''),
    title: String(d.title),
    description: String(d.description ?? ''),
    tracks: (d.tracks as ContestRound['tracks']) ?? [],
    entryMode: d.entryMode as ContestRound['entryMode'],
    deadlineAt: String(d.deadlineAt),
    status: d.status as ContestRound['status'],
    sheet: (d.sheet as ContestRound['sheet']) ?? [],
    conflictRule: d.conflictRule === true,
    judgesPerEntry: typeof d.judgesPerEntry === 'number' ? d.judgesPerEntry : null,
    credits: d.credits as ContestRound['credits'],
    eventId: typeof d.eventId === 'string' ? d.eventId : null,
    judges: (d.judges as ContestRound['judges']) ?? [],
    assignments: (d.assignments as ContestRound['assignments']) ?? [],
    entrySeq: Number(d.entrySeq ?? 0),
    results: (d.results as ContestRound['results']) ?? null,
    createdBy: String(d.createdBy),
    createdAt: String(d.createdAt),
    updatedAt: String(d.updatedAt),
  };
}

function entryToDoc(e: ContestEntry): Record<string, unknown> {
  const { id: _id, ...rest } = e;
  return rest;
}

function entryFromDoc(d: WxDoc): ContestEntry {
  return {
    id: String(d._id),
    roundId: String(d.roundId),
    track: d.track as ContestEntry['track'],
    entrantKind: d.entrantKind as ContestEntry['entrantKind'],
    studentNo: typeof d.studentNo === 'string' ? d.studentNo : null,
    branch: String(d.branch),
    college: String(d.college),
    teamName: String(d.teamName ?? ''),
    members: (d.members as string[]) ?? [],
    topic: String(d.topic),
    outline: String(d.outline),
    mentor: String(d.mentor ?? ''),
    materials: (d.materials as ContestEntry['materials']) ?? [],
    status: d.status as ContestEntry['status'],
    submittedBy: String(d.submittedBy),
    submittedAt: String(d.submittedAt),
    createdAt: String(d.createdAt),
    updatedAt: String(d.updatedAt),
  };
}

function scoreFromDoc(d: WxDoc): ContestScore {
  return {
    roundId: String(d.roundId),
    entryId: String(d.entryId),
    judge: String(d.judge),
    marks: (d.marks as Record<string, number>) ?? {},
    total: Number(d.total),
    comment: String(d.comment ?? ''),
    submittedAt: String(d.submittedAt),
  };
}

function lecturerFromDoc(d: WxDoc): Lecturer {
  return {
    year: Number(d.year),
    openid: String(d.openid),
    level: d.level as Lecturer['level'],
    college: String(d.college ?? ''),
    active: d.active === true,
    addedBy: String(d.addedBy),
    updatedAt: String(d.updatedAt),
  };
}

function talkToDoc(t: LecturerTalk): Record<string, unknown> {
  const { id: _id, ...rest } = t;
  return rest;
}

function talkFromDoc(d: WxDoc): LecturerTalk {
  return {
    id: String(d._id),
    year: Number(d.year),
    openid: String(d.openid),
    date: String(d.date),
    place: String(d.place),
    onCampus: d.onCampus === true,
    audience: Number(d.audience),
    topic: String(d.topic),
    photo: (d.photo as LecturerTalk['photo']) ?? null,
    status: d.status as LecturerTalk['status'],
    decidedBy: typeof d.decidedBy === 'string' ? d.decidedBy : null,
    decidedAt: typeof d.decidedAt === 'string' ? d.decidedAt : null,
    decisionReason: typeof d.decisionReason === 'string' ? d.decisionReason : null,
    createdAt: String(d.createdAt),
  };
}

async function readRoundIn(scope: WxScope, roundId: string): Promise<ContestRound> {
  const doc = await readDoc(scope.collection(ROUNDS).doc(roundId));
  if (!doc) throw new ApiError('NOT_FOUND', ROUND_NOT_FOUND);
  return roundFromDoc(doc);
}

const byRoundThenId = (a: ContestEntry, b: ContestEntry) => compareText(a.roundId, b.roundId) || compareText(a.id, b.id);

/**
 * The contest and the lecturer team on CloudBase: `contestRounds/<id>` (the round, its sheet, judges, assignments and
 * results in one document: a round of 200 entries is ~30 KB), `contestEntries/<roundId>.<track>.<key>` (one per
 * entrant, track and round by its `_id`), `contestScores/<entryId>:<judge>` (one per judge and entry by its `_id`),
 * `lecturers/<year>:<openid>`, `lecturerTalks/<id>`. Every write is one transaction of `doc(id)` operations.
 *
 * An entry's transaction reads its round and writes the entry and the round's `entrySeq` (+1); starting judging reads
 * the round, queries its entries, and writes the round in a transaction that checks `entrySeq` has not moved (else the
 * attempt is retried with a fresh query). Both write the round document, so an entry and the start of judging
 * conflict rather than pass each other (a query cannot run inside a transaction).
 */
export class CloudbaseContest implements ContestPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /** One transaction: add the round (its id taken: INVALID_INPUT) and the audit entry. */
  async createContestRound(round: ContestRound, audit: AuditDraft): Promise<ContestRound> {
    await this.kit.transact(
      async (t) => {
        await addIn(t, ROUNDS, round.id, roundToDoc(round));
        await this.kit.addAudit(t, audit);
      },
      { addExists: () => new ApiError('INVALID_INPUT', '比赛编号已存在，请重试') },
    );
    return round;
  }

  async getContestRound(roundId: string): Promise<ContestRound | null> {
    const doc = await readDoc(this.kit.db.collection(ROUNDS).doc(roundId));
    return doc ? roundFromDoc(doc) : null;
  }

  /** A query by `year` or by `judgeOpenids`, by deadline. */
  async listContestRounds(filter: { year?: number; judge?: string }): Promise<ContestRound[]> {
    const condition: Record<string, unknown> = filter.judge !== undefined ? { judgeOpenids: filter.judge } : { year: filter.year ?? 0 };
    if (filter.judge !== undefined && filter.year !== undefined) condition.year = filter.year;
    const docs = await this.kit.fetchAll(this.kit.db.collection(ROUNDS).where(condition), [['deadlineAt', 'asc']]);
    return docs.map(roundFromDoc);
  }

  /** One transaction: read the round, write what `change` answers (set, whole) and the audit entry. */
  changeContestRound(roundId: string, change: (round: ContestRound) => ContestRound, audit: (round: ContestRound) => AuditDraft): Promise<ContestRound> {
    return this.kit.transact(async (t) => {
      const next = change(await readRoundIn(t, roundId));
      await t.collection(ROUNDS).doc(roundId).set({ data: roundToDoc(next) });
      await this.kit.addAudit(t, audit(next));
      return next;
    });
  }

  /** Read the round, query its entries, then a transaction that re-reads the round and writes it unless an entry moved it. */
  startContestJudging(
    roundId: string,
    plan: (round: ContestRound, entries: ContestEntry[]) => ContestRound,
    audit: (round: ContestRound) => AuditDraft,
  ): Promise<ContestRound> {
    return this.kit.withRetries(async () => {
      const seen = await readRoundIn(this.kit.db, roundId);
      const entries = await this.entriesOfRounds([roundId]);
      return this.kit.transaction(async (t) => {
        const round = await readRoundIn(t, roundId);
        if (round.entrySeq !== seen.entrySeq) throw new StaleReadError(`round ${roundId} took an entry meanwhile`);
        const next = plan(round, entries);
        if (next === round) return round;
        await t.collection(ROUNDS).doc(roundId).set({ data: roundToDoc(next) });
        await this.kit.addAudit(t, audit(next));
        return next;
      });
    });
  }

  /** Query the round's entries and scores, then a transaction that reads the round and writes its results. */
  publishContestResults(
    roundId: string,
    decide: (round: ContestRound, entries: ContestEntry[], scores: ContestScore[]) => ContestRound,
    audit: (round: ContestRound) => AuditDraft,
  ): Promise<ContestRound> {
    return this.kit.withRetries(async () => {
      const seen = await readRoundIn(this.kit.db, roundId);
      const [entries, scores] = await Promise.all([this.entriesOfRounds([roundId]), this.listContestScores(roundId)]);
      return this.kit.transaction(async (t) => {
        const round = await readRoundIn(t, roundId);
        if (round.entrySeq !== seen.entrySeq) throw new StaleReadError(`round ${roundId} took an entry meanwhile`);
        const next = decide(round, entries, scores);
        if (next === round) return round;
        await t.collection(ROUNDS).doc(roundId).set({ data: roundToDoc(next) });
        await this.kit.addAudit(t, audit(next));
        return next;
      });
    });
  }

  async getContestEntry(entryId: string): Promise<ContestEntry | null> {
    const doc = await readDoc(this.kit.db.collection(ENTRIES).doc(entryId));
    return doc ? entryFromDoc(doc) : null;
  }

  /** A query per kind of filter (`roundId` in …; the student as speaker or member, or the branch), merged. */
  async listContestEntries(filter: { roundIds?: readonly string[]; studentNo?: string; branch?: string }): Promise<ContestEntry[]> {
    const out = new Map<string, ContestEntry>();
    if (filter.roundIds?.length) for (const e of await this.entriesOfRounds(filter.roundIds)) out.set(e.id, e);
    const _ = this.kit.command;
    const mine: Record<string, unknown>[] = [];
    if (filter.studentNo !== undefined) mine.push({ studentNo: filter.studentNo }, { members: filter.studentNo });
    if (filter.branch !== undefined) mine.push({ entrantKind: 'branch', branch: filter.branch });
    if (mine.length) {
      const docs = await this.kit.fetchAll(this.kit.db.collection(ENTRIES).where(_.or(mine)), [['roundId', 'asc']]);
      for (const d of docs) out.set(String(d._id), entryFromDoc(d));
    }
    return [...out.values()].sort(byRoundThenId);
  }

  /** One transaction: read the round and the entry, write the entry (set, whole) and the round's entrySeq + 1. */
  writeContestEntry(roundId: string, entryId: string, decide: (round: ContestRound, existing: ContestEntry | null) => ContestEntry): Promise<ContestEntry> {
    const _ = this.kit.command;
    return this.kit.transact(
      async (t) => {
        const round = await readRoundIn(t, roundId);
        const doc = await readDoc(t.collection(ENTRIES).doc(entryId));
        const entry = decide(round, doc ? entryFromDoc(doc) : null);
        await t.collection(ENTRIES).doc(entryId).set({ data: entryToDoc(entry) });
        await t.collection(ROUNDS).doc(roundId).update({ data: { entrySeq: _.inc(1) } });
        return entry;
      },
      { busy: CONTEST_BUSY },
    );
  }

  async listContestScores(roundId: string): Promise<ContestScore[]> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(SCORES).where({ roundId }), [['entryId', 'asc']]);
    return docs.map(scoreFromDoc);
  }

  async getContestScore(entryId: string, judge: string): Promise<ContestScore | null> {
    const doc = await readDoc(this.kit.db.collection(SCORES).doc(scoreId(entryId, judge)));
    return doc ? scoreFromDoc(doc) : null;
  }

  /** One transaction: read the round and the score, add the score (two at once: one adds, the other is refused). */
  submitContestScore(
    roundId: string,
    entryId: string,
    judge: string,
    decide: (round: ContestRound, existing: ContestScore | null) => ContestScore,
  ): Promise<ContestScore> {
    const id = scoreId(entryId, judge);
    return this.kit.transact(
      async (t) => {
        const round = await readRoundIn(t, roundId);
        const doc = await readDoc(t.collection(SCORES).doc(id));
        const score = decide(round, doc ? scoreFromDoc(doc) : null);
        await addIn(t, SCORES, id, { ...score });
        return score;
      },
      { addExists: () => new ApiError('CONTEST_SCORE_SUBMITTED') },
    );
  }

  /** One transaction: set `lecturers/<year>:<openid>` and the audit entry. */
  async putLecturer(lecturer: Lecturer, audit: AuditDraft): Promise<Lecturer> {
    await this.kit.transact(async (t) => {
      await t.collection(LECTURERS).doc(lecturerId(lecturer.year, lecturer.openid)).set({ data: { ...lecturer } });
      await this.kit.addAudit(t, audit);
    });
    return lecturer;
  }

  async getLecturer(year: number, openid: string): Promise<Lecturer | null> {
    const doc = await readDoc(this.kit.db.collection(LECTURERS).doc(lecturerId(year, openid)));
    return doc ? lecturerFromDoc(doc) : null;
  }

  async listLecturers(year: number): Promise<Lecturer[]> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(LECTURERS).where({ year }), [['openid', 'asc']]);
    return docs.map(lecturerFromDoc).sort((a, b) => compareText(b.level, a.level) || compareText(a.college, b.college) || compareText(a.openid, b.openid));
  }

  /** One transaction: read the member (NOT_A_LECTURER), add the talk. */
  addLecturerTalk(talk: LecturerTalk): Promise<LecturerTalk> {
    return this.kit.transact(
      async (t) => {
        if (!(await readDoc(t.collection(LECTURERS).doc(lecturerId(talk.year, talk.openid))))) throw new ApiError('NOT_A_LECTURER');
        await addIn(t, TALKS, talk.id, talkToDoc(talk));
        return talk;
      },
      { addExists: () => new ApiError('INVALID_INPUT', '记录编号已存在，请重试') },
    );
  }

  async getLecturerTalk(talkId: string): Promise<LecturerTalk | null> {
    const doc = await readDoc(this.kit.db.collection(TALKS).doc(talkId));
    return doc ? talkFromDoc(doc) : null;
  }

  async listLecturerTalks(filter: { year?: number; openid?: string; status?: LecturerTalk['status'] }): Promise<LecturerTalk[]> {
    const condition: Record<string, unknown> = {};
    if (filter.year !== undefined) condition.year = filter.year;
    if (filter.openid !== undefined) condition.openid = filter.openid;
    if (filter.status !== undefined) condition.status = filter.status;
    const collection = this.kit.db.collection(TALKS);
    const query = Object.keys(condition).length ? collection.where(condition) : collection;
    const docs = await this.kit.fetchAll(query, [['date', 'desc'], ['createdAt', 'desc']]);
    return docs.map(talkFromDoc);
  }

  /** One transaction: read the talk (NOT_FOUND), write what `decide` answers and the audit entry. */
  decideLecturerTalk(talkId: string, decide: (talk: LecturerTalk) => LecturerTalk, audit: (talk: LecturerTalk) => AuditDraft): Promise<LecturerTalk> {
    return this.kit.transact(async (t) => {
      const doc = await readDoc(t.collection(TALKS).doc(talkId));
      if (!doc) throw new ApiError('NOT_FOUND', '没有找到这条宣讲记录');
      const next = decide(talkFromDoc(doc));
      await t.collection(TALKS).doc(talkId).set({ data: talkToDoc(next) });
      await this.kit.addAudit(t, audit(next));
      return next;
    });
  }

  private async entriesOfRounds(roundIds: readonly string[]): Promise<ContestEntry[]> {
    const _ = this.kit.command;
    const condition = roundIds.length === 1 ? { roundId: roundIds[0] } : { roundId: _.in([...roundIds]) };
    const docs = await this.kit.fetchAll(this.kit.db.collection(ENTRIES).where(condition), [['roundId', 'asc']]);
    return docs.map(entryFromDoc).sort(byRoundThenId);
  }
}
