import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { decideScore, judgesOf, type ContestScore } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';
import { eventsById } from '../shared/lookups';
import { ENTRY_NOT_FOUND, requireRound } from './common';
import { entrantName, eventRef, studentNames, toEntryView } from './views';

/**
 * Judges on their phones: the entries assigned to them, one entry with its materials and the sheet, their score —
 * final once submitted. A judge sees no other judge's score before submitting their own (getJudgingEntry answers
 * `others` only after); the organisers see every score.
 */

function scoreView(s: ContestScore) {
  return { marks: { ...s.marks }, total: s.total, comment: s.comment, submittedAt: s.submittedAt };
}

/** 我的评审: the rounds the caller judges (judging or published), with the entries assigned to them. */
export async function listMyJudging(_input: ActionParsedInput<'listMyJudging'>, ctx: HandlerContext): Promise<ActionOutput<'listMyJudging'>> {
  const openid = await requireOpenid(ctx);
  const rounds = (await ctx.storage.listContestRounds({ judge: openid })).filter((r) => r.status !== 'open');
  const [entries, scores, events] = await Promise.all([
    rounds.length ? ctx.storage.listContestEntries({ roundIds: rounds.map((r) => r.id) }) : Promise.resolve([]),
    Promise.all(rounds.map((r) => ctx.storage.listContestScores(r.id))),
    eventsById(ctx, rounds.map((r) => r.eventId)),
  ]);
  const names = await studentNames(ctx, entries);
  return {
    rounds: rounds.map((r, i) => {
      const mine = new Map(scores[i].filter((s) => s.judge === openid).map((s) => [s.entryId, s]));
      const assigned = r.assignments.filter((a) => a.judges.includes(openid)).map((a) => a.entryId);
      return {
        id: r.id,
        year: r.year,
        level: r.level,
        college: r.college,
        title: r.title,
        description: r.description,
        tracks: [...r.tracks],
        entryMode: r.entryMode,
        deadlineAt: r.deadlineAt,
        status: r.status,
        event: eventRef(r.eventId ? events.get(r.eventId) : null),
        sheet: r.sheet.map((c) => ({ ...c })),
        conflictRule: r.conflictRule,
        entries: entries
          .filter((e) => assigned.includes(e.id))
          .map((e) => ({
            entryId: e.id,
            track: e.track,
            topic: e.topic,
            entrantName: entrantName(e, names),
            college: e.college,
            scored: mine.has(e.id),
            myTotal: mine.get(e.id)?.total ?? null,
          })),
      };
    }),
  };
}

async function assignedEntry(ctx: HandlerContext, entryId: string) {
  const openid = await requireOpenid(ctx);
  const entry = await ctx.storage.getContestEntry(entryId);
  if (!entry) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
  const round = await requireRound(ctx, entry.roundId);
  if (!judgesOf(round, entry.id).includes(openid)) throw new ApiError('CONTEST_NOT_ASSIGNED');
  return { openid, entry, round };
}

/** Others' totals for an entry, once the caller's own score is in; null before. */
async function othersOf(ctx: HandlerContext, roundId: string, entryId: string, openid: string, mine: ContestScore | null): Promise<number[] | null> {
  if (!mine) return null;
  return (await ctx.storage.listContestScores(roundId)).filter((s) => s.entryId === entryId && s.judge !== openid).map((s) => s.total);
}

/** 评一件作品: its content and materials, the sheet, the caller's score (if in) and, only then, the others' totals. */
export async function getJudgingEntry(input: ActionParsedInput<'getJudgingEntry'>, ctx: HandlerContext): Promise<ActionOutput<'getJudgingEntry'>> {
  const { openid, entry, round } = await assignedEntry(ctx, input.entryId);
  const mine = await ctx.storage.getContestScore(entry.id, openid);
  const [names, others] = await Promise.all([studentNames(ctx, [entry]), othersOf(ctx, round.id, entry.id, openid, mine)]);
  return {
    round: { id: round.id, title: round.title, status: round.status, sheet: round.sheet.map((c) => ({ ...c })) },
    entry: toEntryView(entry, round, names, false),
    myScore: mine ? scoreView(mine) : null,
    others,
  };
}

/** 提交评分: every criterion of the sheet within its range, once; answers the others' totals (now visible). */
export async function submitContestScore(input: ActionParsedInput<'submitContestScore'>, ctx: HandlerContext): Promise<ActionOutput<'submitContestScore'>> {
  const openid = await requireOpenid(ctx);
  const entry = await ctx.storage.getContestEntry(input.entryId);
  if (!entry) throw new ApiError('NOT_FOUND', ENTRY_NOT_FOUND);
  const now = ctx.now();
  const score = await ctx.storage.submitContestScore(entry.roundId, entry.id, openid, (round, existing) => {
    const decided = decideScore(round, entry.id, openid, existing, input.marks);
    if ('code' in decided) throw new ApiError(decided.code, decided.message);
    return { roundId: round.id, entryId: entry.id, judge: openid, marks: { ...input.marks }, total: decided.total, comment: input.comment ?? '', submittedAt: now.toISOString() };
  });
  return { score: scoreView(score), others: (await othersOf(ctx, entry.roundId, entry.id, openid, score)) ?? [] };
}
