import { ApiError, type ActionOutput, type ActionParsedInput, type LecturerView, type TalkView } from '../../../types';
import { byProgress, decideTalk, lecturerProgress, talkDateRefusal, type Lecturer, type LecturerTalk } from '../../../core';
import { requireFiles } from '../files/file-answers';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { campusDate, campusYearMonth } from '../shared/campus-time';
import { randomId } from '../shared/random-id';
import { isCommittee, keepUntil, yearOf } from './common';
import { fileLink } from './materials';

/**
 * The youth lecturer team (青年讲师团): the committee lists the members of a year's school and college teams; a member
 * records each talk with its evidence photo; the committee confirms or returns it; only confirmed talks count toward
 * the year's 3 on campus and 1 off campus (core/contest/lecturers.ts).
 */

const TALK_NOT_FOUND = '没有找到这条宣讲记录';

function progressNow(ctx: HandlerContext, lecturer: Lecturer, talks: readonly LecturerTalk[]) {
  const { year, month } = campusYearMonth(ctx.now());
  return lecturerProgress(lecturer, talks, year, month);
}

function toLecturerView(lecturer: Lecturer, name: string, talks: readonly LecturerTalk[], ctx: HandlerContext): LecturerView {
  return {
    year: lecturer.year,
    account: lecturer.openid,
    name,
    level: lecturer.level,
    college: lecturer.college,
    active: lecturer.active,
    progress: progressNow(ctx, lecturer, talks),
  };
}

function toTalkView(talk: LecturerTalk, name: string): TalkView {
  return {
    id: talk.id,
    year: talk.year,
    lecturer: { account: talk.openid, name },
    date: talk.date,
    place: talk.place,
    onCampus: talk.onCampus,
    audience: talk.audience,
    topic: talk.topic,
    photo: talk.photo ? { ...talk.photo } : null,
    status: talk.status,
    decidedAt: talk.decidedAt,
    decisionReason: talk.decisionReason,
    createdAt: talk.createdAt,
  };
}

/** The caller's place on the year's team with their progress, or null when they are not an active member. */
export async function lecturerView(ctx: HandlerContext, year: number, openid: string): Promise<LecturerView | null> {
  const lecturer = await ctx.storage.getLecturer(year, openid);
  if (!lecturer || !lecturer.active) return null;
  const [talks, names] = await Promise.all([ctx.storage.listLecturerTalks({ year, openid }), ctx.storage.namesOfAccounts([openid])]);
  return toLecturerView(lecturer, names.get(openid) ?? '讲师', talks, ctx);
}

/** A member named by 学号 (their bound account) or by account. */
async function accountOf(ctx: HandlerContext, ref: string): Promise<string> {
  const student = await ctx.storage.findStudentByNo(ref);
  if (!student) return ref;
  if (!student.openid) throw new ApiError('NOT_FOUND', `学号 ${ref} 尚未绑定微信，绑定后才能加入讲师团`);
  return student.openid;
}

/** 讲师团名单: the committee adds a member to a year's school or college team, changes them, or takes them off. */
export async function saveLecturer(input: ActionParsedInput<'saveLecturer'>, ctx: HandlerContext): Promise<ActionOutput<'saveLecturer'>> {
  const by = await requireOpenid(ctx);
  if (input.level === 'college' && !input.college) throw new ApiError('INVALID_INPUT', '院级讲师团成员请选择学院');
  const openid = await accountOf(ctx, input.account);
  const names = await ctx.storage.namesOfAccounts([openid]);
  const name = names.get(openid);
  if (!name) throw new ApiError('NOT_FOUND', '没有找到这个账号：请按姓名或学号选择已绑定的学生或已登录过的老师');
  const lecturer: Lecturer = {
    year: input.year,
    openid,
    level: input.level,
    college: input.college,
    active: input.active,
    addedBy: by,
    updatedAt: ctx.now().toISOString(),
  };
  await ctx.storage.putLecturer(lecturer, auditDraft(ctx, by, 'lecturer.save', openid, { year: input.year, name, level: input.level, college: input.college, active: input.active }));
  const talks = await ctx.storage.listLecturerTalks({ year: input.year, openid });
  return { lecturer: toLecturerView(lecturer, name, talks, ctx) };
}

/** 讲师团进度: the year's members with their progress, those behind first. */
export async function listLecturers(input: ActionParsedInput<'listLecturers'>, ctx: HandlerContext): Promise<ActionOutput<'listLecturers'>> {
  const year = yearOf(ctx, input.year);
  const [lecturers, talks] = await Promise.all([ctx.storage.listLecturers(year), ctx.storage.listLecturerTalks({ year })]);
  const names = await ctx.storage.namesOfAccounts(lecturers.map((l) => l.openid));
  const views = lecturers.map((l) => toLecturerView(l, names.get(l.openid) ?? '讲师', talks, ctx)).sort(byProgress);
  return {
    year,
    lecturers: views,
    behind: views.filter((l) => l.progress.behind).length,
    pendingTalks: talks.filter((t) => t.status === 'pending').length,
  };
}

/**
 * 登记宣讲: an active member of the talk's year records a talk already given, with the photo they uploaded (purpose
 * talkPhoto), kept as long as the year's records. Pending until the committee confirms it.
 */
export async function recordLecturerTalk(input: ActionParsedInput<'recordLecturerTalk'>, ctx: HandlerContext): Promise<ActionOutput<'recordLecturerTalk'>> {
  const openid = await requireOpenid(ctx);
  const now = ctx.now();
  const refusal = talkDateRefusal(input.date, campusDate(now));
  if (refusal) throw new ApiError(refusal.code, refusal.message);
  const year = Number(input.date.slice(0, 4));
  const lecturer = await ctx.storage.getLecturer(year, openid);
  if (!lecturer || !lecturer.active) throw new ApiError('NOT_A_LECTURER', `你不在 ${year} 年度青年讲师团名单中，如有疑问请联系校团委`);
  const files = requireFiles(ctx);
  const file = await files.info(input.photoFileId, now);
  if (!file || file.owner !== openid || file.purpose !== 'talkPhoto') throw new ApiError('FILE_NOT_FOUND', '照片已过期或不存在（上传的照片须在一天内提交），请重新上传');
  if (!(await files.keep(file.fileId, keepUntil(year), now))) throw new ApiError('FILE_NOT_FOUND', '照片已过期或不存在，请重新上传');
  const talk: LecturerTalk = {
    id: randomId('t'),
    year,
    openid,
    date: input.date,
    place: input.place,
    onCampus: input.onCampus,
    audience: input.audience,
    topic: input.topic,
    photo: { fileId: file.fileId, name: file.name },
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    createdAt: now.toISOString(),
  };
  await ctx.storage.addLecturerTalk(talk);
  const names = await ctx.storage.namesOfAccounts([openid]);
  return { talk: toTalkView(talk, names.get(openid) ?? '讲师') };
}

/** 我的宣讲: the caller's talks of the year and their progress (null progress when not on the team). */
export async function getMyLecturerTalks(input: ActionParsedInput<'getMyLecturerTalks'>, ctx: HandlerContext): Promise<ActionOutput<'getMyLecturerTalks'>> {
  const openid = await requireOpenid(ctx);
  const year = yearOf(ctx, input.year);
  const [lecturer, talks, names] = await Promise.all([
    lecturerView(ctx, year, openid),
    ctx.storage.listLecturerTalks({ year, openid }),
    ctx.storage.namesOfAccounts([openid]),
  ]);
  const name = names.get(openid) ?? '讲师';
  return { year, lecturer, talks: talks.map((t) => toTalkView(t, name)) };
}

/** 宣讲记录 for the committee: a year's talks, of one status if asked. */
export async function listLecturerTalks(input: ActionParsedInput<'listLecturerTalks'>, ctx: HandlerContext): Promise<ActionOutput<'listLecturerTalks'>> {
  const year = yearOf(ctx, input.year);
  const talks = await ctx.storage.listLecturerTalks({ year, status: input.status });
  const names = await ctx.storage.namesOfAccounts([...new Set(talks.map((t) => t.openid))]);
  return { talks: talks.map((t) => toTalkView(t, names.get(t.openid) ?? '讲师')) };
}

/** 确认 / 退回 a pending talk, once; returning it needs a reason the member reads. */
export async function decideLecturerTalk(input: ActionParsedInput<'decideLecturerTalk'>, ctx: HandlerContext): Promise<ActionOutput<'decideLecturerTalk'>> {
  const by = await requireOpenid(ctx);
  if (!input.confirm && !input.reason) throw new ApiError('INVALID_INPUT', '退回宣讲记录请写明原因');
  const now = ctx.now().toISOString();
  const talk = await ctx.storage.decideLecturerTalk(
    input.talkId,
    (current) => {
      const refusal = decideTalk(current);
      if (refusal) throw new ApiError(refusal.code, refusal.message);
      return { ...current, status: input.confirm ? 'confirmed' : 'rejected', decidedBy: by, decidedAt: now, decisionReason: input.confirm ? null : input.reason! };
    },
    (t) => auditDraft(ctx, by, input.confirm ? 'lecturer.talk.confirm' : 'lecturer.talk.reject', t.id, { date: t.date, topic: t.topic, reason: t.decisionReason }),
  );
  const names = await ctx.storage.namesOfAccounts([talk.openid]);
  return { talk: toTalkView(talk, names.get(talk.openid) ?? '讲师') };
}

/** 现场照片: a ten-minute link, for the member who recorded the talk and the committee; anyone else NOT_FOUND. */
export async function getLecturerTalkPhoto(input: ActionParsedInput<'getLecturerTalkPhoto'>, ctx: HandlerContext): Promise<ActionOutput<'getLecturerTalkPhoto'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const talk = await ctx.storage.getLecturerTalk(input.talkId);
  if (!talk || !talk.photo || (talk.openid !== openid && !isCommittee(roles))) throw new ApiError('NOT_FOUND', TALK_NOT_FOUND);
  return fileLink(ctx, talk.photo.fileId);
}
