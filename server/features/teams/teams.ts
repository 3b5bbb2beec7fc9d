import { randomBytes } from 'node:crypto';
import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { joinCodeFrom, type EventRecord, type TeamRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerOpenid, requireStudentNo } from '../shared/caller';
import { requireCleanText } from '../content/require-clean';
import { requireInAudience } from '../publishing/audience';
import { randomId } from '../shared/random-id';
import { teamView, teamViews } from './views';

/**
 * 社会实践团队, the students' side: a leader creates a team for a practice event (a join code to share), members join
 * with the code (one team per student per event), the leader names a mentor, signs the whole team up at once and
 * submits the report. Every rule is decided inside storage's atomic step (core/teams); the handlers add
 * what storage cannot know: the event is a practice one students can see, and everyone is in its audience.
 */

/** Tries for a join code not in use (31^6 ≈ 900 million codes: a second try is already rare). */
const CODE_TRIES = 5;

const TEAM_NOT_FOUND = '没有找到这个团队，可能已被解散';

async function practiceEvent(ctx: HandlerContext, eventId: string): Promise<EventRecord> {
  const event = await ctx.storage.getEvent(eventId);
  // A draft does not exist for students.
  if (!event || event.status === 'draft') throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  if (event.status === 'cancelled') throw new ApiError('EVENT_CANCELLED');
  return event;
}

async function requireTeam(ctx: HandlerContext, teamId: string): Promise<TeamRecord> {
  const team = await ctx.storage.getTeam(teamId);
  if (!team) throw new ApiError('NOT_FOUND', TEAM_NOT_FOUND);
  return team;
}

export async function createTeam(input: ActionParsedInput<'createTeam'>, ctx: HandlerContext): Promise<ActionOutput<'createTeam'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now();
  const event = await practiceEvent(ctx, input.eventId);
  if (event.category !== 'practice') throw new ApiError('INVALID_INPUT', '只有社会实践活动（三下乡、返家乡）可以组建团队');
  await requireInAudience(ctx, event, [studentNo], studentNo);
  // Shown to every member, the committee and anyone given the join code: checked like the report.
  await requireCleanText(ctx, await callerOpenid(ctx), 'profile', [{ label: '团队名称', text: input.name }, { label: '实践项目', text: input.project }]);
  for (let attempt = 1; ; attempt++) {
    const team: TeamRecord = {
      id: randomId('t'),
      eventId: event.id,
      name: input.name,
      project: input.project,
      leaderStudentNo: studentNo,
      members: [studentNo],
      mentor: input.mentor,
      joinCode: joinCodeFrom(randomBytes(6)),
      status: 'forming',
      report: null,
      review: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    try {
      return { team: await teamView(ctx, await ctx.storage.createTeam(team), studentNo) };
    } catch (error) {
      // A code (or id) already taken is refused as INVALID_INPUT before anything is written: draw again.
      if (!(error instanceof ApiError && error.code === 'INVALID_INPUT') || attempt >= CODE_TRIES) throw error;
    }
  }
}

export async function joinTeam(input: ActionParsedInput<'joinTeam'>, ctx: HandlerContext): Promise<ActionOutput<'joinTeam'>> {
  const studentNo = await requireStudentNo(ctx);
  const found = await ctx.storage.findTeamByJoinCode(input.joinCode);
  if (!found) throw new ApiError('TEAM_CODE_INVALID');
  const event = await practiceEvent(ctx, found.eventId);
  await requireInAudience(ctx, event, [studentNo], studentNo);
  const team = await ctx.storage.joinTeam(input.joinCode, studentNo, ctx.now());
  return { team: await teamView(ctx, team, studentNo) };
}

export async function leaveTeam(input: ActionParsedInput<'leaveTeam'>, ctx: HandlerContext): Promise<ActionOutput<'leaveTeam'>> {
  const studentNo = await requireStudentNo(ctx);
  await ctx.storage.leaveTeam(input.teamId, studentNo, ctx.now());
  return { left: true };
}

export async function updateTeam(input: ActionParsedInput<'updateTeam'>, ctx: HandlerContext): Promise<ActionOutput<'updateTeam'>> {
  const studentNo = await requireStudentNo(ctx);
  const patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.project !== undefined) patch.project = input.project;
  if (input.mentor !== undefined) patch.mentor = input.mentor;
  const team = await ctx.storage.updateTeam(input.teamId, studentNo, patch, ctx.now());
  return { team: await teamView(ctx, team, studentNo) };
}

/** The whole team signs up at once; every member must be in the event's audience (checked here, before any seat). */
export async function signUpTeam(input: ActionParsedInput<'signUpTeam'>, ctx: HandlerContext): Promise<ActionOutput<'signUpTeam'>> {
  const studentNo = await requireStudentNo(ctx);
  const current = await requireTeam(ctx, input.teamId);
  if (current.leaderStudentNo !== studentNo) throw new ApiError('TEAM_NOT_LEADER');
  const event = await practiceEvent(ctx, current.eventId);
  await requireInAudience(ctx, event, current.members, studentNo);
  const team = await ctx.storage.signUpTeam(current.id, studentNo, ctx.now());
  return { team: await teamView(ctx, team, studentNo) };
}

export async function submitTeamReport(
  input: ActionParsedInput<'submitTeamReport'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'submitTeamReport'>> {
  const [studentNo, openid] = await Promise.all([requireStudentNo(ctx), callerOpenid(ctx)]);
  const report = { title: input.title, summary: input.summary, link: input.link };
  await requireCleanText(ctx, openid, 'forum', [{ label: '报告标题', text: input.title }, { label: '报告摘要', text: input.summary }]);
  const team = await ctx.storage.submitTeamReport(input.teamId, studentNo, report, ctx.now());
  return { team: await teamView(ctx, team, studentNo) };
}

export async function getMyTeams(_input: ActionParsedInput<'getMyTeams'>, ctx: HandlerContext): Promise<ActionOutput<'getMyTeams'>> {
  const studentNo = await requireStudentNo(ctx);
  return { teams: await teamViews(ctx, await ctx.storage.listTeams({ studentNo }), studentNo) };
}
