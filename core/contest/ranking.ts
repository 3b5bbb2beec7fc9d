import { ADVANCE_LABELS, AWARD_LABELS, type ContestTrack, type RoundLevel } from '../../types/contest';
import { tieCriterion } from './sheet';
import type { AdvanceRule, ContestEntry, ContestScore, Criterion, EntryResult } from './records';

/**
 * Ranking and advancement, per track (tracks compete apart).
 *
 * The final score of an entry is the mean of its judges' totals; with five judges or more the highest and the lowest
 * total are dropped first (去掉一个最高分和一个最低分), then the mean of the rest. Kept in hundredths of a point,
 * rounded half up.
 *
 * The tie rule, stated once: entries with the same final score are ordered by (1) the mean of their marks on the
 * sheet's heaviest criterion (the first on the sheet among equal weights), as a share of its points; then (2) by who
 * entered first (the time the entry was last entered); then by id, so that the order is total. Ranks are 1…n with no
 * two entries sharing one, and each row says which rule separated it from an entry with the same score.
 */

export function finalScore(totals: readonly number[]): number {
  if (!totals.length) return 0;
  const sorted = [...totals].sort((a, b) => a - b);
  const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return Math.round(kept.reduce((s, t) => s + t, 0) / kept.length);
}

export interface RankedEntry {
  entryId: string;
  track: ContestTrack;
  rank: number;
  score: number;
  judges: number;
  /** The heaviest criterion's mean mark, in ten-thousandths of its points (the tie rule's first key). */
  tieKey: number;
  tieBrokenBy: 'criterion' | 'submittedAt' | null;
}

/** The entries of one track, ranked with the tie rule above. Only submitted entries rank. */
export function rankTrack(
  sheet: readonly Criterion[],
  track: ContestTrack,
  entries: readonly Pick<ContestEntry, 'id' | 'track' | 'status' | 'submittedAt'>[],
  scores: readonly Pick<ContestScore, 'entryId' | 'total' | 'marks'>[],
): RankedEntry[] {
  const top = tieCriterion(sheet);
  const byEntry = new Map<string, Array<Pick<ContestScore, 'total' | 'marks'>>>();
  for (const s of scores) byEntry.set(s.entryId, [...(byEntry.get(s.entryId) ?? []), s]);
  const rows = entries
    .filter((e) => e.track === track && e.status === 'submitted')
    .map((e) => {
      const mine = byEntry.get(e.id) ?? [];
      const tieKey =
        top && mine.length ? Math.round((mine.reduce((s, x) => s + (x.marks[top.id] ?? 0) / top.max, 0) / mine.length) * 10_000) : 0;
      return { entry: e, score: finalScore(mine.map((s) => s.total)), judges: mine.length, tieKey };
    });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.tieKey - a.tieKey ||
      Date.parse(a.entry.submittedAt) - Date.parse(b.entry.submittedAt) ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return rows.map((row, i) => {
    const neighbours = [rows[i - 1], rows[i + 1]].filter((n) => n && n.score === row.score);
    const tieBrokenBy = !neighbours.length ? null : neighbours.every((n) => n!.tieKey !== row.tieKey) ? 'criterion' : 'submittedAt';
    return { entryId: row.entry.id, track, rank: i + 1, score: row.score, judges: row.judges, tieKey: row.tieKey, tieBrokenBy };
  });
}

/**
 * Who advances and who wins, in one track's ranking: the top N, or every entry whose final score is at or over the
 * threshold (in points), or nobody; awards by rank — the first `awards[0]` entries 一等奖, the next `awards[1]` 二等奖,
 * the next `awards[2]` 三等奖.
 */
export function decideAdvancement(ranked: readonly RankedEntry[], rule: AdvanceRule, awards: readonly [number, number, number]): EntryResult[] {
  const [first, second, third] = awards;
  return ranked.map((r) => {
    const advanced = rule.kind === 'top' ? r.rank <= rule.n : rule.kind === 'threshold' ? r.score >= Math.round(rule.min * 100) : false;
    const award = r.rank <= first ? 1 : r.rank <= first + second ? 2 : r.rank <= first + second + third ? 3 : null;
    return {
      entryId: r.entryId,
      track: r.track,
      rank: r.rank,
      of: ranked.length,
      score: r.score,
      judges: r.judges,
      advanced,
      award,
      tieBrokenBy: r.tieBrokenBy,
    };
  });
}

/** What the entrant reads once results are out: 晋级校赛 / 入选省赛推荐, the award, else 未晋级 (or 已评审 with no advancing). */
export function resultLabel(level: RoundLevel, rule: AdvanceRule, result: Pick<EntryResult, 'advanced' | 'award'>): string {
  const parts: string[] = [];
  if (result.advanced) parts.push(ADVANCE_LABELS[level]);
  if (result.award) parts.push(AWARD_LABELS[result.award - 1]);
  if (!parts.length) parts.push(rule.kind === 'none' ? '已评审' : '未晋级');
  return parts.join(' · ');
}
