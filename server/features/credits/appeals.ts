import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { appealId, attendanceKeyBase, mayRunCheckin, type AppealRecord } from '../../../core';
import { activeAward, appealTarget, eventEarnsCredits } from './settle-attendance';
import { auditDraft } from '../shared/audit-draft';
import { requireEvent } from '../shared/lookups';
import type { HandlerContext } from '../shared/context';
import { moduleNamesOf, toAppealView, toLedgerEntryView } from './views';
import { eventsById, studentsByNo } from '../shared/lookups';
import { callerRoles, requireOpenid, requireStudentNo } from '../shared/caller';
import { requireCleanText } from '../content/require-clean';

/**
 * 学分申诉: a student who attended but got no credit asks the organisers to look. Only for an event the student was
 * confirmed for and that has begun, that earns credits, and whose credit is not already on the ledger.
 */
export async function fileAppeal(input: ActionParsedInput<'fileAppeal'>, ctx: HandlerContext): Promise<ActionOutput<'fileAppeal'>> {
  const [studentNo, openid] = await Promise.all([requireStudentNo(ctx), requireOpenid(ctx)]);
  const now = ctx.now();
  const event = await requireEvent(input.eventId, ctx);
  const [registration, ledger, student] = await Promise.all([
    ctx.storage.getRegistration(event.id, studentNo),
    ctx.storage.listLedger(studentNo),
    ctx.storage.findStudentByNo(studentNo),
  ]);
  if (event.status === 'cancelled') throw new ApiError('APPEAL_NOT_ALLOWED', '该活动已取消，无法申诉学分');
  if (registration?.status !== 'confirmed') throw new ApiError('APPEAL_NOT_ALLOWED', '只能对已报名成功（非候补、未取消）的活动申诉学分');
  if (now.getTime() < Date.parse(event.startAt)) throw new ApiError('APPEAL_NOT_ALLOWED', '活动还没有开始，开始后如未记入学分再申诉');
  if (!eventEarnsCredits(event)) throw new ApiError('APPEAL_NOT_ALLOWED', '该活动不计第二课堂学分，无需申诉');
  if (activeAward(ledger, attendanceKeyBase(event.id, studentNo))) throw new ApiError('APPEAL_ALREADY_CREDITED');
  // Officers read it: checked like any text a user publishes to others (nothing is written when refused).
  await requireCleanText(ctx, openid, 'comment', [{ label: '申诉说明', text: input.note }]);
  const appeal: AppealRecord = {
    id: appealId(event.id, studentNo),
    eventId: event.id,
    studentNo,
    note: input.note,
    status: 'pending',
    createdAt: now.toISOString(),
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
  };
  const stored = await ctx.storage.fileAppeal(appeal, auditDraft(ctx, openid, 'appeal.file', appeal.id, { note: input.note }));
  return { appeal: toAppealView(stored, event, student) };
}

/**
 * The appeals an officer decides: those of events whose check-in they may run (their branch's, their college's; the
 * committee all), newest first. Others' appeals are not refused but simply not listed.
 */
export async function listAppeals(input: ActionParsedInput<'listAppeals'>, ctx: HandlerContext): Promise<ActionOutput<'listAppeals'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const status = input.status ? [input.status] : undefined;
  let appeals: AppealRecord[];
  if (roles.some((g) => g.role === 'committee_admin')) {
    appeals = await ctx.storage.listAppeals({ status });
  } else {
    const mine = (await ctx.storage.listEvents({})).filter((e) => mayRunCheckin(roles, openid, e)).map((e) => e.id);
    appeals = mine.length ? await ctx.storage.listAppeals({ status, eventIds: mine }) : [];
  }
  const [events, students] = await Promise.all([
    eventsById(ctx, appeals.map((a) => a.eventId)),
    studentsByNo(ctx, appeals.map((a) => a.studentNo)),
  ]);
  return { appeals: appeals.map((a) => toAppealView(a, events.get(a.eventId), students.get(a.studentNo))) };
}

/**
 * The organisers' decision. Accepting credits the event's rule with the appeal as the source, under the attendance's
 * key (so a late check-in, or a second acceptance, never doubles it); rejecting keeps the reason for the student.
 * Decision, credit and audit entry are one atomic step in storage.
 */
export async function decideAppeal(input: ActionParsedInput<'decideAppeal'>, ctx: HandlerContext): Promise<ActionOutput<'decideAppeal'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const now = ctx.now();
  const appeal = await ctx.storage.getAppeal(input.appealId);
  if (!appeal) throw new ApiError('NOT_FOUND', '没有找到这条申诉，请刷新后重试');
  const event = await requireEvent(appeal.eventId, ctx);
  if (!mayRunCheckin(roles, openid, event)) throw new ApiError('FORBIDDEN', '只有活动主办方的团干部或校团委可以处理这条申诉');
  if (appeal.status !== 'pending') throw new ApiError('APPEAL_DECIDED');

  let credit: { base: string; target: NonNullable<ReturnType<typeof appealTarget>> } | null = null;
  if (input.accept) {
    const target = appealTarget(event, appeal.studentNo, appeal.id, input.hours, input.reason, openid, now);
    if (!target) {
      throw new ApiError(
        'INVALID_INPUT',
        eventEarnsCredits(event) ? '按这个时长不足以记入学分，请填写实际参加的时长（小时）' : '该活动不计第二课堂学分，请驳回并说明',
      );
    }
    credit = { base: attendanceKeyBase(event.id, appeal.studentNo), target };
  }
  const status = input.accept ? 'accepted' : 'rejected';
  const result = await ctx.storage.decideAppeal(
    appeal.id,
    { status, by: openid, reason: input.reason, at: now },
    credit,
    auditDraft(ctx, openid, `appeal.${status === 'accepted' ? 'accept' : 'reject'}`, appeal.id, {
      reason: input.reason,
      ...(credit ? { module: credit.target.module, amount: credit.target.amount, hours: credit.target.hours } : {}),
    }),
  );
  const [settings, student] = await Promise.all([ctx.storage.creditSettings(), ctx.storage.findStudentByNo(appeal.studentNo)]);
  const events = new Map([[event.id, event]]);
  return {
    appeal: toAppealView(result.appeal, event, student),
    entries: result.entries.map((e) => toLedgerEntryView(e, moduleNamesOf(settings), events)),
  };
}
