import { ApiError, type ActionOutput, type ActionParsedInput, type ContestRoundFields, type ContestTrack } from '../../../types';
import {
  contestCreditSources,
  decideAdvancement,
  decideStartJudging,
  isRefusal,
  rankTrack,
  scoringProgress,
  sheetProblem,
  type ContestEntry,
  type ContestRound,
  type ContestScore,
  type CreditSettings,
  type JudgeSeat,
} from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { eventsById } from '../shared/lookups';
import { randomId } from '../shared/random-id';
import { isCommittee, mayManageRound, mayViewRound, requireManagedRound, requireRound, yearOf } from './common';
import { entrantName, studentNames, toEntryView, toRoundView } from './views';

type RoundView = ActionOutput<'getContestRound'>['round'];

/** Fields as the organiser sent them, checked against what the data knows (settings, the event, the clock). */
async function checkFields(ctx: HandlerContext, fields: ContestRoundFields, settings: CreditSettings): Promise<void> {
  if (fields.level === 'school' && fields.college !== '') throw new ApiError('INVALID_INPUT', '校赛不属于某个学院：学院请留空');
  if (fields.level === 'college' && !fields.college) throw new ApiError('INVALID_INPUT', '院赛请选择学院');
  if (new Set(fields.tracks).size !== fields.tracks.length) throw new ApiError('INVALID_INPUT', '赛道有重复');
  const sheet = sheetProblem(fields.sheet);
  if (sheet) throw new ApiError('INVALID_INPUT', sheet);
  if (!settings.modules.some((m) => m.id === fields.credits.module && m.active)) {
    throw new ApiError('INVALID_INPUT', `学分模块“${fields.credits.module}”不存在或已停用，请在“模块与毕业要求”中查看`);
  }
  if (Date.parse(fields.deadlineAt) <= ctx.now().getTime()) throw new ApiError('INVALID_INPUT', '报名截止时间应晚于现在');
  if (fields.eventId) {
    const event = await ctx.storage.getEvent(fields.eventId);
    if (!event) throw new ApiError('NOT_FOUND', '没有找到要关联的观众活动');
    if (event.category !== 'lecture') throw new ApiError('INVALID_INPUT', '观众活动须为“百生讲坛”类的活动');
  }
}

function withFields(round: ContestRound, fields: ContestRoundFields, now: Date): ContestRound {
  return {
    ...round,
    year: fields.year,
    level: fields.level,
    college: fields.college,
    title: fields.title,
    description: fields.description ?? '',
    tracks: [...fields.tracks],
    entryMode: fields.entryMode,
    deadlineAt: new Date(fields.deadlineAt).toISOString(),
    sheet: fields.sheet.map((c) => ({ ...c })),
    conflictRule: fields.conflictRule,
    judgesPerEntry: fields.judgesPerEntry,
    credits: { ...fields.credits, awards: [...fields.credits.awards] },
    eventId: fields.eventId,
    updatedAt: now.toISOString(),
  };
}

/** The organiser's view of one round, read fresh with what it counts. */
export async function roundView(ctx: HandlerContext, round: ContestRound, mayManage: boolean, entries?: readonly ContestEntry[]): Promise<RoundView> {
  const [mine, scores, events] = await Promise.all([
    entries ?? ctx.storage.listContestEntries({ roundIds: [round.id] }),
    round.status === 'judging' ? ctx.storage.listContestScores(round.id) : null,
    eventsById(ctx, [round.eventId]),
  ]);
  return toRoundView(round, { event: round.eventId ? events.get(round.eventId) : null, entries: mine, scores, mayManage });
}

/**
 * 设置比赛轮次. The committee sets up any round; a college officer their college's own round (院赛). A round takes
 * entries until its deadline; its settings change only until judging starts.
 */
export async function saveContestRound(input: ActionParsedInput<'saveContestRound'>, ctx: HandlerContext): Promise<ActionOutput<'saveContestRound'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const { fields } = input;
  if (!mayManageRound(roles, fields)) {
    throw new ApiError('FORBIDDEN', fields.level === 'school' ? '校赛只能由校团委设置' : '院团总支只能设置本学院的院赛');
  }
  await checkFields(ctx, fields, await ctx.storage.creditSettings());
  const now = ctx.now();
  if (input.roundId) {
    await requireManagedRound(ctx, input.roundId);
    const round = await ctx.storage.changeContestRound(
      input.roundId,
      (current) => {
        if (current.status !== 'open') throw new ApiError('CONTEST_ROUND_NOT_OPEN', '评审已经开始，比赛设置不能再修改');
        return withFields(current, fields, now);
      },
      (r) => auditDraft(ctx, openid, 'contest.round.update', r.id, { title: r.title }),
    );
    return { round: await roundView(ctx, round, true) };
  }
  const blank: ContestRound = {
    id: randomId('r'),
    year: fields.year,
    level: fields.level,
    college: fields.college,
    title: fields.title,
    description: '',
    tracks: [],
    entryMode: 'open',
    deadlineAt: fields.deadlineAt,
    status: 'open',
    sheet: [],
    conflictRule: true,
    judgesPerEntry: null,
    credits: fields.credits,
    eventId: null,
    judges: [],
    assignments: [],
    entrySeq: 0,
    results: null,
    createdBy: openid,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const round = withFields(blank, fields, now);
  await ctx.storage.createContestRound(round, auditDraft(ctx, openid, 'contest.round.create', round.id, { title: round.title, level: round.level, college: round.college }));
  return { round: await roundView(ctx, round, true, []) };
}

/** 比赛轮次列表: the committee sees every round of the year; a college officer their college's and the school round. */
export async function listContestRounds(input: ActionParsedInput<'listContestRounds'>, ctx: HandlerContext): Promise<ActionOutput<'listContestRounds'>> {
  const roles = await callerRoles(ctx);
  const year = yearOf(ctx, input.year);
  const rounds = (await ctx.storage.listContestRounds({ year })).filter((r) => mayViewRound(roles, r));
  const [entries, events, scores] = await Promise.all([
    rounds.length ? ctx.storage.listContestEntries({ roundIds: rounds.map((r) => r.id) }) : Promise.resolve([]),
    eventsById(ctx, rounds.map((r) => r.eventId)),
    Promise.all(rounds.map((r) => (r.status === 'judging' ? ctx.storage.listContestScores(r.id) : Promise.resolve([])))),
  ]);
  return {
    year,
    rounds: rounds.map((r, i) =>
      toRoundView(r, { event: r.eventId ? events.get(r.eventId) : null, entries, scores: scores[i], mayManage: mayManageRound(roles, r) }),
    ),
  };
}

/** Accounts with the judge role who may sit on the round, with the college to record for the conflict rule. */
async function judgePool(ctx: HandlerContext, round: ContestRound): Promise<JudgeSeat[]> {
  const grants = (await ctx.storage.listRoleGrants()).filter((g) => g.role === 'contest_judge' && (g.scope === '' || (round.level === 'college' && g.scope === round.college)));
  const accounts = [...new Set(grants.map((g) => g.openid))];
  if (!accounts.length) return [];
  const [names, students] = await Promise.all([ctx.storage.namesOfAccounts(accounts), ctx.storage.findStudentsByOpenids(accounts)]);
  const collegeOf = new Map(students.map((s) => [s.openid!, s.college]));
  return accounts
    .map((openid) => {
      const scoped = grants.find((g) => g.openid === openid && g.scope !== '')?.scope;
      return { openid, name: names.get(openid) ?? '评委', college: scoped ?? collegeOf.get(openid) ?? '' };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** Rankings per track: the published results, or — every assigned score in — as they would be published. */
function rankingOf(round: ContestRound, entries: readonly ContestEntry[], scores: readonly ContestScore[], names: ReadonlyMap<string, string>) {
  const complete = round.status === 'judging' && round.assignments.length > 0 && scoringProgress(round, scores).complete;
  if (round.status !== 'published' && !complete) return null;
  const byId = new Map(entries.map((e) => [e.id, e]));
  return round.tracks.map((track) => {
    const rows =
      round.status === 'published' && round.results
        ? round.results.entries.filter((r) => r.track === track).map((r) => ({ ...r, advanced: r.advanced as boolean | null, award: r.award as number | null }))
        : rankTrack(round.sheet, track, entries, scores).map((r) => ({ ...r, advanced: null, award: null }));
    return {
      track,
      rows: rows.map((r) => {
        const entry = byId.get(r.entryId);
        return {
          entryId: r.entryId,
          rank: r.rank,
          score: r.score,
          judges: r.judges,
          tieBrokenBy: r.tieBrokenBy,
          topic: entry?.topic ?? '',
          entrantName: entry ? entrantName(entry, names) : '',
          college: entry?.college ?? '',
          advanced: r.advanced,
          award: r.award,
        };
      }),
    };
  });
}

/** 一轮比赛: its entries with who scores them (and whether they have), the judges to pick from, and the ranking. */
export async function getContestRound(input: ActionParsedInput<'getContestRound'>, ctx: HandlerContext): Promise<ActionOutput<'getContestRound'>> {
  const roles = await callerRoles(ctx);
  const round = await requireRound(ctx, input.roundId);
  if (!mayViewRound(roles, round)) throw new ApiError('FORBIDDEN', `只能查看本学院的院赛（这是${round.college}的院赛）`);
  const manage = mayManageRound(roles, round);
  const [entries, scores] = await Promise.all([
    ctx.storage.listContestEntries({ roundIds: [round.id] }),
    round.status === 'open' ? Promise.resolve([] as ContestScore[]) : ctx.storage.listContestScores(round.id),
  ]);
  const [names, pool, view] = await Promise.all([studentNames(ctx, entries), manage ? judgePool(ctx, round) : Promise.resolve([]), roundView(ctx, round, manage, entries)]);
  const judgeName = new Map(round.judges.map((j) => [j.openid, j.name]));
  const scored = new Set(scores.map((s) => `${s.entryId}|${s.judge}`));
  return {
    round: view,
    entries: entries.map((e) => ({
      ...toEntryView(e, round, names, false),
      judging: (round.assignments.find((a) => a.entryId === e.id)?.judges ?? []).map((j) => ({
        account: j,
        name: judgeName.get(j) ?? '评委',
        scored: scored.has(`${e.id}|${j}`),
      })),
    })),
    judgePool: pool.map((j) => ({ account: j.openid, name: j.name, college: j.college })),
    ranking: rankingOf(round, entries, scores, names),
  };
}

/** A judge named by 学号 (their bound account) or by account. */
async function accountOf(ctx: HandlerContext, ref: string): Promise<string> {
  const student = await ctx.storage.findStudentByNo(ref);
  if (!student) return ref;
  if (!student.openid) throw new ApiError('NOT_FOUND', `学号 ${ref} 尚未绑定微信，绑定并获得评委角色后才能担任评委`);
  return student.openid;
}

/** 指定评委: accounts holding the judge role (school-wide, or the round's college's), until judging starts. */
export async function setContestJudges(input: ActionParsedInput<'setContestJudges'>, ctx: HandlerContext): Promise<ActionOutput<'setContestJudges'>> {
  const openid = await requireOpenid(ctx);
  const round = await requireManagedRound(ctx, input.roundId);
  const accounts = await Promise.all(input.judges.map((j) => accountOf(ctx, j.account)));
  if (new Set(accounts).size !== accounts.length) throw new ApiError('INVALID_INPUT', '同一位评委选了两次');
  const grants = (await ctx.storage.listRoleGrants()).filter((g) => g.role === 'contest_judge');
  const names = await ctx.storage.namesOfAccounts(accounts);
  const seats: JudgeSeat[] = accounts.map((account, i) => {
    const covers = grants.some((g) => g.openid === account && (g.scope === '' || (round.level === 'college' && g.scope === round.college)));
    if (!covers) {
      throw new ApiError('INVALID_INPUT', `${names.get(account) ?? '这位'}没有${round.level === 'college' ? `全校或${round.college}的` : '全校的'}“百生讲坛评委”角色：请先在角色管理中授予或邀请`);
    }
    return { openid: account, name: names.get(account) ?? '评委', college: input.judges[i].college };
  });
  const next = await ctx.storage.changeContestRound(
    round.id,
    (current) => {
      if (current.status !== 'open') throw new ApiError('CONTEST_ROUND_NOT_OPEN', '评审已经开始，评委不能再调整');
      return { ...current, judges: seats, updatedAt: ctx.now().toISOString() };
    },
    (r) => auditDraft(ctx, openid, 'contest.judges', r.id, { judges: seats.map((s) => ({ name: s.name, college: s.college })) }),
  );
  return { round: await roundView(ctx, next, true) };
}

/** 开始评审: after the deadline, the entries are assigned to the judges (conflict rule applied) and frozen. */
export async function startContestJudging(input: ActionParsedInput<'startContestJudging'>, ctx: HandlerContext): Promise<ActionOutput<'startContestJudging'>> {
  const openid = await requireOpenid(ctx);
  const round = await requireManagedRound(ctx, input.roundId);
  const now = ctx.now();
  const next = await ctx.storage.startContestJudging(
    round.id,
    (current, entries) => {
      const plan = decideStartJudging(current, entries, now);
      if (plan === null) return current;
      if (isRefusal(plan)) throw new ApiError(plan.code, plan.message);
      return { ...current, status: 'judging', assignments: plan.assignments, updatedAt: now.toISOString() };
    },
    (r) => auditDraft(ctx, openid, 'contest.startJudging', r.id, { entries: r.assignments.length }),
  );
  return { round: await roundView(ctx, next, true) };
}

/** Settles every credit the published round gives (idempotent by source); answers how many students hold one. */
async function settleRoundCredits(ctx: HandlerContext, round: ContestRound, by: string): Promise<number> {
  if (!round.results) return 0;
  const entries = new Map((await ctx.storage.listContestEntries({ roundIds: [round.id] })).map((e) => [e.id, e]));
  const at = new Date(round.results.publishedAt);
  const sources = round.results.entries.flatMap((r) => {
    const entry = entries.get(r.entryId);
    return entry ? contestCreditSources(round, entry, r, by, at) : [];
  });
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const s = sources[next++];
      await ctx.storage.settleCredit(s.studentNo, s.base, s.target, by, '百生讲坛结果公布', at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, sources.length) }, worker));
  return new Set(sources.map((s) => s.studentNo)).size;
}

/**
 * 公布结果: every assigned score in, each track ranked (tie rule: core/contest/ranking.ts), the organiser's
 * advancement (top N or a threshold) and awards applied, written with the round; then the credits for entering,
 * advancing and winning are settled, each source once. Publishing a published round again changes nothing and settles
 * any credit a crash left unwritten.
 */
export async function publishContestResults(
  input: ActionParsedInput<'publishContestResults'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'publishContestResults'>> {
  const openid = await requireOpenid(ctx);
  const round = await requireManagedRound(ctx, input.roundId);
  const now = ctx.now();
  const published = await ctx.storage.publishContestResults(
    round.id,
    (current, entries, scores) => {
      if (current.status === 'published') return current;
      if (current.status !== 'judging') throw new ApiError('CONTEST_NOT_JUDGING', '请先开始评审，评完后再公布结果');
      const progress = scoringProgress(current, scores);
      if (!progress.complete) {
        throw new ApiError('CONTEST_SCORING_INCOMPLETE', `还有 ${progress.needed - progress.in} 份评分没有提交（共 ${progress.needed} 份），全部评完后才能公布结果`);
      }
      const results = current.tracks.flatMap((track: ContestTrack) => decideAdvancement(rankTrack(current.sheet, track, entries, scores), input.advance, input.awards));
      return {
        ...current,
        status: 'published',
        results: { advance: input.advance, awards: [...input.awards], publishedAt: now.toISOString(), publishedBy: openid, entries: results },
        updatedAt: now.toISOString(),
      };
    },
    (r) => auditDraft(ctx, openid, 'contest.publish', r.id, { advance: input.advance, awards: input.awards, advanced: r.results?.entries.filter((e) => e.advanced).length ?? 0 }),
  );
  const credited = await settleRoundCredits(ctx, published, published.results?.publishedBy ?? openid);
  const roles = await callerRoles(ctx);
  return { round: await roundView(ctx, published, isCommittee(roles) || mayManageRound(roles, published)), credited };
}
