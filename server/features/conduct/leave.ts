import { ApiError, type ActionOutput, type ActionParsedInput, type LeaveView } from '../../../types';
import { leaveId, mayRunCheckin, type LeaveRecord } from '../../../core';
import { queuePromotionNotice } from '../notifications/queue';
import { auditDraft } from '../shared/audit-draft';
import { callerRoles, requireOpenid, requireStudentNo } from '../shared/caller';
import type { HandlerContext } from '../shared/context';
import { eventsById, requireEvent, studentsByNo } from '../shared/lookups';
import { DOWNLOAD_LINK_MS, requireFiles, uploadedFile } from '../files/file-answers';
import { currentBlockRule } from './block-rule';

/** A leave photo is kept until this long after the event ends (time for the answer, questions, and the audit). */
const LEAVE_PHOTO_KEPT_MS = 60 * 86_400_000;

export function toLeaveView(l: LeaveRecord): LeaveView {
  return {
    eventId: l.eventId,
    studentNo: l.studentNo,
    status: l.status,
    reason: l.reason,
    hasPhoto: l.photoFileId !== null,
    createdAt: l.createdAt,
    decidedAt: l.decidedAt,
    decisionReason: l.decisionReason,
  };
}

/**
 * 请假: a confirmed student, after the cancel deadline (before it, cancelling is free), with a reason and optionally a
 * photo uploaded in parts beforehand (purpose leavePhoto, the student's own upload). The photo is kept as a file of
 * its own (an upload lasts a day; the request may wait longer). The rules and the write are one atomic step.
 */
export async function requestLeave(input: ActionParsedInput<'requestLeave'>, ctx: HandlerContext): Promise<ActionOutput<'requestLeave'>> {
  const [studentNo, openid] = await Promise.all([requireStudentNo(ctx), requireOpenid(ctx)]);
  const now = ctx.now();
  const event = await requireEvent(input.eventId, ctx);
  let photoFileId: string | null = null;
  if (input.photoFileId) {
    const { file, bytes } = await uploadedFile(ctx, input.photoFileId, 'leavePhoto', openid);
    const kept = await requireFiles(ctx).put(
      { name: file.name, contentType: file.contentType, bytes, purpose: 'leave', owner: openid, expiresAt: new Date(Date.parse(event.endAt) + LEAVE_PHOTO_KEPT_MS) },
      now,
    );
    photoFileId = kept.fileId;
  }
  const leave: LeaveRecord = {
    id: leaveId(event.id, studentNo),
    eventId: event.id,
    studentNo,
    status: 'pending',
    reason: input.reason,
    photoFileId,
    createdAt: now.toISOString(),
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
  };
  try {
    const stored = await ctx.storage.requestLeave(leave, now, auditDraft(ctx, openid, 'leave.request', leave.id, { reason: input.reason, photo: photoFileId !== null }));
    // The upload itself is no longer needed (the request keeps its own copy).
    if (input.photoFileId) await requireFiles(ctx).remove([input.photoFileId]);
    return { leave: toLeaveView(stored) };
  } catch (error) {
    // Refused: the photo kept for it goes again.
    if (photoFileId) await requireFiles(ctx).remove([photoFileId]);
    throw error;
  }
}

/** The requests an officer answers: those of events whose check-in they may run (the committee: all), pending first. */
export async function listLeaveRequests(input: ActionParsedInput<'listLeaveRequests'>, ctx: HandlerContext): Promise<ActionOutput<'listLeaveRequests'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const events = (await ctx.storage.listEvents({})).filter((e) => mayRunCheckin(roles, openid, e) && (!input.eventId || e.id === input.eventId));
  const committee = roles.some((g) => g.role === 'committee_admin');
  const leaves = await ctx.storage.listLeaves({
    ...(committee && !input.eventId ? {} : { eventIds: events.map((e) => e.id) }),
    ...(input.status ? { status: input.status } : {}),
  });
  const [byId, students] = await Promise.all([eventsById(ctx, leaves.map((l) => l.eventId)), studentsByNo(ctx, leaves.map((l) => l.studentNo))]);
  const order = { pending: 0, refused: 1, approved: 1 } as const;
  const rows = leaves.map((l) => {
    const event = byId.get(l.eventId);
    const student = students.get(l.studentNo);
    return { ...toLeaveView(l), name: student?.name ?? '', className: student?.className ?? '', eventTitle: event?.title ?? '', eventStartAt: event?.startAt ?? '' };
  });
  rows.sort((a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt));
  return { requests: rows };
}

/**
 * The organiser's answer (officers who may run the event's check-in, and the committee), audited: approving cancels
 * the registration without a mark and passes the seat on (the student promoted hears of it); refusing needs a reason,
 * which the student sees.
 */
export async function decideLeave(input: ActionParsedInput<'decideLeave'>, ctx: HandlerContext): Promise<ActionOutput<'decideLeave'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const now = ctx.now();
  const event = await requireEvent(input.eventId, ctx);
  if (!mayRunCheckin(roles, openid, event)) throw new ApiError('FORBIDDEN', '只有活动主办方的团干部或校团委可以处理这条请假');
  if (!input.approve && !input.reason) throw new ApiError('INVALID_INPUT', '不批准请假须写明原因（reason），同学会看到');
  const reason = input.reason ?? null;
  const rule = await currentBlockRule(ctx.storage, now);
  const outcome = await ctx.storage.decideLeave(
    event.id,
    input.studentNo,
    { approve: input.approve, reason, by: openid, at: now },
    rule,
    auditDraft(ctx, openid, input.approve ? 'leave.approve' : 'leave.refuse', leaveId(event.id, input.studentNo), reason ? { reason } : {}),
  );
  const promoted = outcome.promoted;
  if (promoted) {
    await queuePromotionNotice(ctx.storage, outcome.event, promoted, now).catch((error) =>
      console.error(`[decideLeave] promotion notice for ${promoted.id} not queued`, error),
    );
  }
  return { leave: toLeaveView(outcome.leave), promoted: promoted !== null };
}

/** The photo of a request, as a ten-minute link, for those who answer it. */
export async function getLeavePhoto(input: ActionParsedInput<'getLeavePhoto'>, ctx: HandlerContext): Promise<ActionOutput<'getLeavePhoto'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const event = await requireEvent(input.eventId, ctx);
  if (!mayRunCheckin(roles, openid, event)) throw new ApiError('FORBIDDEN', '只有活动主办方的团干部或校团委可以查看请假材料');
  const leave = await ctx.storage.getLeave(event.id, input.studentNo);
  if (!leave?.photoFileId) throw new ApiError('FILE_NOT_FOUND', '这条请假没有附照片');
  const files = requireFiles(ctx);
  const now = ctx.now();
  const file = await files.info(leave.photoFileId, now);
  const until = new Date(now.getTime() + DOWNLOAD_LINK_MS);
  const url = file ? await files.downloadUrl(file.fileId, until, now) : null;
  if (!file || !url) throw new ApiError('FILE_NOT_FOUND', '照片已过保存期限');
  return { fileId: file.fileId, fileName: file.name, url, expiresAt: until.toISOString(), rowCount: 0, size: file.size };
}
