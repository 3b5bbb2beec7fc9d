import { CONTEST_TRACK_LABELS, MAX_TEAM_MEMBERS, TRACK_ENTRANT, type ContestTrack } from '../../types/contest';
import type { ContestEntry, ContestRefusal, ContestRound, Material } from './records';

/**
 * Entering a round: who the entrant is for a track (the student, or the student's branch), whether they may enter
 * now, and what a branch's named team must be. Every refusal is ranked here; adapters apply the answer inside their
 * atomic step (the round and the entry read there), so a late or second entry writes nothing.
 */

/** What the rules read about the student acting: their roster entry. */
export interface StudentFacts {
  studentNo: string;
  branch: string;
  college: string;
}

export interface Entrant {
  kind: 'student' | 'branch';
  studentNo: string | null;
  branch: string;
  college: string;
}

/** The entrant a student acts for on a track: themselves (主讲人) or their branch (团支部, 微团课). */
export function entrantFor(track: ContestTrack, student: StudentFacts): Entrant {
  return TRACK_ENTRANT[track] === 'student'
    ? { kind: 'student', studentNo: student.studentNo, branch: student.branch, college: student.college }
    : { kind: 'branch', studentNo: null, branch: student.branch, college: student.college };
}

/** The entrant's key within a track: one entry per key, track and round (the entry's id is built from it). */
export function entrantKey(entrant: Pick<Entrant, 'kind' | 'studentNo' | 'branch'>): string {
  return entrant.kind === 'student' ? `s:${entrant.studentNo}` : `b:${entrant.branch}`;
}

export function entrantKeyOfEntry(entry: Pick<ContestEntry, 'entrantKind' | 'studentNo' | 'branch'>): string {
  return entrantKey({ kind: entry.entrantKind, studentNo: entry.studentNo, branch: entry.branch });
}

/** The round takes entries at `now`: open, before its deadline. */
export function roundClosedRefusal(round: Pick<ContestRound, 'status' | 'deadlineAt'>, now: Date): ContestRefusal | null {
  if (round.status !== 'open') return { code: 'CONTEST_ROUND_NOT_OPEN' };
  if (now.getTime() >= Date.parse(round.deadlineAt)) return { code: 'CONTEST_DEADLINE_PASSED' };
  return null;
}

/** Whether the entrant is within the round's reach: its tracks, its college, and (advanced-only rounds) advancement. */
export function eligibilityRefusal(round: ContestRound, track: ContestTrack, entrant: Entrant, qualified: boolean): ContestRefusal | null {
  if (!round.tracks.includes(track)) {
    return { code: 'CONTEST_NOT_ELIGIBLE', message: `本轮比赛没有“${CONTEST_TRACK_LABELS[track]}”赛道` };
  }
  if (round.level === 'college' && entrant.college !== round.college) {
    return { code: 'CONTEST_NOT_ELIGIBLE', message: `本轮是${round.college}的院赛，只接受本学院的同学和团支部报名` };
  }
  if (round.entryMode === 'advanced' && !qualified) {
    const who = entrant.kind === 'student' ? '你' : '你的团支部';
    return { code: 'CONTEST_NOT_ELIGIBLE', message: `本轮只接受在本年度院赛“${CONTEST_TRACK_LABELS[track]}”赛道晋级的作品，${who}尚未晋级` };
  }
  return null;
}

/**
 * A new entry, ranked: the round closed (not open, or past its deadline), then outside its reach, then an entry the
 * entrant already has in this track and round (CONTEST_ENTRY_EXISTS: edit or withdraw that one). A withdrawn entry
 * may be entered again.
 */
export function decideEntry(
  round: ContestRound,
  track: ContestTrack,
  entrant: Entrant,
  existing: Pick<ContestEntry, 'status'> | null,
  qualified: boolean,
  now: Date,
): ContestRefusal | null {
  return (
    roundClosedRefusal(round, now) ??
    eligibilityRefusal(round, track, entrant, qualified) ??
    (existing && existing.status === 'submitted' ? { code: 'CONTEST_ENTRY_EXISTS' } : null)
  );
}

/** Editing or withdrawing an entry: the round still takes entries, and the entry is not withdrawn already. */
export function decideEntryChange(round: Pick<ContestRound, 'status' | 'deadlineAt'>, entry: Pick<ContestEntry, 'status'>, now: Date): ContestRefusal | null {
  return roundClosedRefusal(round, now) ?? (entry.status === 'withdrawn' ? { code: 'CONTEST_ENTRY_WITHDRAWN' } : null);
}

/**
 * Who may act for an entry: the speaker; for a branch's entry the student who submitted it, its named team, and the
 * branch's officers. Others of the branch see that it has entered, but do not change it.
 */
export function mayActForEntry(
  entry: Pick<ContestEntry, 'entrantKind' | 'studentNo' | 'branch' | 'members' | 'submittedBy'>,
  actor: { studentNo: string | null; openid: string; officerBranches: readonly string[] },
): boolean {
  if (entry.entrantKind === 'student') return actor.studentNo !== null && entry.studentNo === actor.studentNo;
  if (entry.submittedBy === actor.openid) return true;
  if (actor.studentNo !== null && entry.members.includes(actor.studentNo)) return true;
  return actor.officerBranches.includes(entry.branch);
}

/**
 * The students credited with an entry, and whether they may be: a speaker is their own team; a branch names 1–10 of
 * its own students (found on the roster: `branchOf` answers a student number's branch, or null for an unknown one)
 * and a team name.
 */
export function teamRefusal(
  track: ContestTrack,
  entrant: Entrant,
  teamName: string,
  members: readonly string[],
  branchOf: (studentNo: string) => string | null,
): ContestRefusal | null {
  if (TRACK_ENTRANT[track] === 'student') return null;
  if (teamName.trim().length < 2) return { code: 'INVALID_INPUT', message: '请填写队名（2–20 个字）' };
  if (!members.length) return { code: 'INVALID_INPUT', message: '请至少选择一名团队成员' };
  if (members.length > MAX_TEAM_MEMBERS) return { code: 'INVALID_INPUT', message: `团队成员不能超过 ${MAX_TEAM_MEMBERS} 人` };
  if (new Set(members).size !== members.length) return { code: 'INVALID_INPUT', message: '团队成员有重复，请检查' };
  for (const m of members) {
    const branch = branchOf(m);
    if (branch === null) return { code: 'INVALID_INPUT', message: `名单中没有学号 ${m}` };
    if (branch !== entrant.branch) return { code: 'INVALID_INPUT', message: `学号 ${m} 不是${entrant.branch}的成员，团队成员须来自本团支部` };
  }
  return null;
}

/** At most one file of each kind (a deck of slides, a video). */
export function materialsRefusal(materials: readonly Pick<Material, 'kind'>[]): ContestRefusal | null {
  const kinds = materials.map((m) => m.kind);
  if (new Set(kinds).size !== kinds.length) return { code: 'INVALID_INPUT', message: '每份作品最多一份课件和一段视频' };
  return null;
}

export type TrackState = 'can_enter' | 'entered' | 'closed' | 'not_eligible';

/** What a student's page says about one track of a round: entered, closed, outside its reach (with why), or open. */
export function trackStateFor(
  round: ContestRound,
  track: ContestTrack,
  entrant: Entrant | null,
  existing: Pick<ContestEntry, 'status'> | null,
  qualified: boolean,
  now: Date,
): { state: TrackState; note: string } {
  if (existing?.status === 'submitted') return { state: 'entered', note: entrant?.kind === 'branch' ? '本团支部已报名' : '已报名' };
  const closed = roundClosedRefusal(round, now);
  if (closed) return { state: 'closed', note: closed.code === 'CONTEST_DEADLINE_PASSED' ? '报名已截止' : '已停止报名' };
  if (!entrant) return { state: 'not_eligible', note: '绑定学号后才能报名' };
  const outside = eligibilityRefusal(round, track, entrant, qualified);
  if (outside) return { state: 'not_eligible', note: outside.message ?? '不在参赛范围内' };
  return { state: 'can_enter', note: entrant.kind === 'branch' ? `以${entrant.branch}名义报名` : '个人报名' };
}
