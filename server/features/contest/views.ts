import type { ContestEntryView, ContestRoundView } from '../../../types';
import { resultLabel, scoringProgress, type ContestEntry, type ContestRound, type ContestScore, type EventRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { studentsByNo } from '../shared/lookups';

/** The contest's records as the API shows them: names instead of numbers, results only once published. */

export async function studentNames(ctx: HandlerContext, entries: readonly ContestEntry[]): Promise<Map<string, string>> {
  const nos = entries.flatMap((e) => [...e.members, ...(e.studentNo ? [e.studentNo] : [])]);
  const found = await studentsByNo(ctx, nos);
  return new Map([...found].map(([no, s]) => [no, s.name]));
}

export function entrantName(entry: ContestEntry, names: ReadonlyMap<string, string>): string {
  if (entry.entrantKind === 'branch') return entry.teamName ? `${entry.branch} · ${entry.teamName}` : entry.branch;
  return names.get(entry.studentNo!) ?? entry.studentNo!;
}

export function toEntryView(entry: ContestEntry, round: ContestRound, names: ReadonlyMap<string, string>, editable: boolean): ContestEntryView {
  const published = round.status === 'published' && round.results ? round.results : null;
  const result = published?.entries.find((r) => r.entryId === entry.id) ?? null;
  return {
    id: entry.id,
    roundId: round.id,
    roundTitle: round.title,
    roundLevel: round.level,
    roundStatus: round.status,
    deadlineAt: round.deadlineAt,
    track: entry.track,
    entrant: {
      kind: entry.entrantKind,
      studentNo: entry.studentNo,
      branch: entry.branch,
      name: entry.entrantKind === 'student' ? (names.get(entry.studentNo!) ?? entry.studentNo!) : entry.branch,
    },
    college: entry.college,
    teamName: entry.teamName,
    members: entry.members.map((no) => ({ studentNo: no, name: names.get(no) ?? no })),
    topic: entry.topic,
    outline: entry.outline,
    mentor: entry.mentor,
    materials: entry.materials.map((m) => ({ ...m })),
    status: entry.status,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    editable,
    result:
      published && result
        ? {
            rank: result.rank,
            of: result.of,
            score: result.score,
            judges: result.judges,
            advanced: result.advanced,
            award: result.award,
            label: resultLabel(round.level, published.advance, result),
          }
        : null,
  };
}

export function eventRef(event: EventRecord | null | undefined): ContestRoundView['event'] {
  return event ? { id: event.id, title: event.title, startAt: event.startAt } : null;
}

/**
 * A round as organisers see it. `scores` are needed only while judging (counts of scores in); open rounds have none
 * to count and published ones have them all.
 */
export function toRoundView(
  round: ContestRound,
  extras: { event: EventRecord | null | undefined; entries: readonly ContestEntry[]; scores: readonly ContestScore[] | null; mayManage: boolean },
): ContestRoundView {
  const mine = extras.entries.filter((e) => e.roundId === round.id);
  const progress = scoringProgress(round, extras.scores ?? []);
  const needed = progress.needed;
  const scoresIn = round.status === 'published' ? needed : round.status === 'judging' ? progress.in : 0;
  return {
    id: round.id,
    year: round.year,
    level: round.level,
    college: round.college,
    title: round.title,
    description: round.description,
    tracks: [...round.tracks],
    entryMode: round.entryMode,
    deadlineAt: round.deadlineAt,
    status: round.status,
    event: eventRef(extras.event),
    sheet: round.sheet.map((c) => ({ ...c })),
    conflictRule: round.conflictRule,
    judgesPerEntry: round.judgesPerEntry,
    credits: { ...round.credits, awards: [...round.credits.awards] },
    judges: round.judges.map((j) => ({ account: j.openid, name: j.name, college: j.college })),
    counts: {
      entries: mine.filter((e) => e.status === 'submitted').length,
      withdrawn: mine.filter((e) => e.status === 'withdrawn').length,
      scoresIn,
      scoresNeeded: needed,
    },
    advance: round.results ? round.results.advance : null,
    awards: round.results ? [...round.results.awards] : null,
    publishedAt: round.results?.publishedAt ?? null,
    createdAt: round.createdAt,
    updatedAt: round.updatedAt,
    mayManage: extras.mayManage,
  };
}
