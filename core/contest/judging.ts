import { marksRefusal, weightedTotal } from './sheet';
import type { ContestEntry, ContestRefusal, ContestRound, ContestScore, JudgeSeat } from './records';

/**
 * Judging: which judges score which entry (fixed when judging starts), the conflict-of-interest rule, and whether a
 * judge's score may be taken.
 */

/** With the rule on, a judge of a college scores none of its entries (a judge with no college conflicts with none). */
export function conflicts(round: Pick<ContestRound, 'conflictRule'>, judge: Pick<JudgeSeat, 'college'>, entry: Pick<ContestEntry, 'college'>): boolean {
  return round.conflictRule && judge.college !== '' && judge.college === entry.college;
}

export interface AssignmentPlan {
  assignments: Array<{ entryId: string; judges: string[] }>;
  /** Entries that could not get the judges they need (too few judges free of conflict). */
  uncovered: string[];
}

/**
 * Who scores what. Every submitted entry, in id order, gets `judgesPerEntry` of the judges free of conflict with it
 * (all of them when null): those with the fewest entries so far, the round's order of judges among equals, so the
 * load is even and the plan is the same however often it is made. An entry no judge may score — or fewer than asked
 * — is uncovered, and judging cannot start (the organiser adds a judge from another college).
 */
export function planAssignments(round: Pick<ContestRound, 'judges' | 'conflictRule' | 'judgesPerEntry'>, entries: readonly ContestEntry[]): AssignmentPlan {
  const load = new Map(round.judges.map((j) => [j.openid, 0]));
  const order = new Map(round.judges.map((j, i) => [j.openid, i]));
  const assignments: AssignmentPlan['assignments'] = [];
  const uncovered: string[] = [];
  const submitted = entries.filter((e) => e.status === 'submitted').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const entry of submitted) {
    const free = round.judges.filter((j) => !conflicts(round, j, entry));
    const need = round.judgesPerEntry ?? free.length;
    if (free.length === 0 || free.length < need) {
      uncovered.push(entry.id);
      continue;
    }
    const picked = [...free]
      .sort((a, b) => load.get(a.openid)! - load.get(b.openid)! || order.get(a.openid)! - order.get(b.openid)!)
      .slice(0, need)
      .sort((a, b) => order.get(a.openid)! - order.get(b.openid)!);
    for (const j of picked) load.set(j.openid, load.get(j.openid)! + 1);
    assignments.push({ entryId: entry.id, judges: picked.map((j) => j.openid) });
  }
  return { assignments, uncovered };
}

/**
 * Starting judging, after the deadline: the plan, or why not. A round already judging answers null plan and no
 * refusal (a retried request changes nothing); a published one refuses.
 */
export function decideStartJudging(round: ContestRound, entries: readonly ContestEntry[], now: Date): ContestRefusal | AssignmentPlan | null {
  if (round.status === 'judging') return null;
  if (round.status === 'published') return { code: 'CONTEST_NOT_JUDGING', message: '本轮比赛已公布结果' };
  if (now.getTime() < Date.parse(round.deadlineAt)) return { code: 'CONTEST_STILL_OPEN' };
  if (!round.judges.length) return { code: 'CONTEST_NO_JUDGES' };
  const plan = planAssignments(round, entries);
  if (plan.uncovered.length) {
    return {
      code: 'CONTEST_NO_JUDGES',
      message: `有 ${plan.uncovered.length} 件作品按回避规则没有足够的评委可以评分，请增加其他学院的评委，或减少每件作品的评委人数`,
    };
  }
  return plan;
}

export function isRefusal(x: ContestRefusal | AssignmentPlan | null): x is ContestRefusal {
  return x !== null && 'code' in x;
}

export function judgesOf(round: Pick<ContestRound, 'assignments'>, entryId: string): string[] {
  return round.assignments.find((a) => a.entryId === entryId)?.judges ?? [];
}

/**
 * A judge's score for an entry, ranked: the round must be judging, the entry assigned to this judge (never one the
 * conflict rule keeps them from: such an entry is never assigned), no score submitted before (a submitted score is
 * final), and the marks within the sheet. Answers the weighted total.
 */
export function decideScore(
  round: ContestRound,
  entryId: string,
  judge: string,
  existing: ContestScore | null,
  marks: Readonly<Record<string, number>>,
): ContestRefusal | { total: number } {
  if (round.status !== 'judging') return { code: 'CONTEST_NOT_JUDGING' };
  if (!judgesOf(round, entryId).includes(judge)) return { code: 'CONTEST_NOT_ASSIGNED' };
  if (existing) return { code: 'CONTEST_SCORE_SUBMITTED' };
  const refusal = marksRefusal(round.sheet, marks);
  if (refusal) return refusal;
  return { total: weightedTotal(round.sheet, marks) };
}

export interface ScoringProgress {
  needed: number;
  in: number;
  complete: boolean;
  perEntry: Map<string, { needed: number; in: number; scoredBy: Set<string> }>;
}

/** Scores in against scores assigned; only assigned scores count. */
export function scoringProgress(round: Pick<ContestRound, 'assignments'>, scores: readonly Pick<ContestScore, 'entryId' | 'judge'>[]): ScoringProgress {
  const perEntry: ScoringProgress['perEntry'] = new Map();
  for (const a of round.assignments) perEntry.set(a.entryId, { needed: a.judges.length, in: 0, scoredBy: new Set() });
  for (const s of scores) {
    const slot = perEntry.get(s.entryId);
    const assigned = round.assignments.find((a) => a.entryId === s.entryId)?.judges.includes(s.judge);
    if (slot && assigned && !slot.scoredBy.has(s.judge)) {
      slot.scoredBy.add(s.judge);
      slot.in++;
    }
  }
  let needed = 0;
  let got = 0;
  for (const slot of perEntry.values()) {
    needed += slot.needed;
    got += slot.in;
  }
  return { needed, in: got, complete: got === needed, perEntry };
}
