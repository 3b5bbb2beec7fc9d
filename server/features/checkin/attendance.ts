import { ApiError, type ActionOutput, type ActionParsedInput, type AttendanceRow } from '../../../types';
import { settleAttendance } from '../credits/settle-attendance';
import { noShowKeyBase } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import { requireCheckinStaff, staffViews, toAttendanceRow, toCheckinEvent, toCountsView, currentCounts } from './common';
import type { HandlerContext } from '../shared/context';

/** A correction may name a moment a little ahead (clocks differ), not a time that has not come. */
const CORRECTION_FUTURE_SLACK_MS = 5 * 60_000;

/**
 * The live list order: people present first, the latest arrival on top (what an officer at the door watches), then
 * those not (yet) come by student number, which is how branches keep their lists.
 */
export function liveOrder(a: AttendanceRow, b: AttendanceRow): number {
  if (a.checkedInAt && b.checkedInAt) return b.checkedInAt.localeCompare(a.checkedInAt) || a.studentNo.localeCompare(b.studentNo);
  if (a.checkedInAt) return -1;
  if (b.checkedInAt) return 1;
  return a.studentNo.localeCompare(b.studentNo);
}

/** Who came, who did not, walk-ins, with times and hours: the officer's event page, refreshed as scans arrive. */
export async function getEventAttendance(
  input: ActionParsedInput<'getEventAttendance'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'getEventAttendance'>> {
  const { event } = await requireCheckinStaff(input.eventId, ctx);
  const [rows, counts, staff] = await Promise.all([
    ctx.storage.listEventAttendance(event.id),
    currentCounts(event, ctx),
    staffViews(event.staffOpenids, ctx),
  ]);
  return {
    event: toCheckinEvent(event),
    counts,
    rows: rows.map((r) => toAttendanceRow(event, r)).sort(liveOrder),
    staff,
  };
}

/**
 * An officer's correction by hand — check in or out someone whose phone failed, undo a wrong scan — with a reason.
 * The change and its audit entry are one atomic step in storage; the rules are decideCorrection's.
 */
export async function correctAttendance(
  input: ActionParsedInput<'correctAttendance'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'correctAttendance'>> {
  const { event, openid } = await requireCheckinStaff(input.eventId, ctx);
  const now = ctx.now();
  const student = await ctx.storage.findStudentByNo(input.studentNo);
  if (!student) throw new ApiError('NOT_FOUND', `名单中没有学号 ${input.studentNo}，请核对后重试`);
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + CORRECTION_FUTURE_SLACK_MS) {
    throw new ApiError('INVALID_INPUT', '更正的时间不能晚于现在');
  }
  const reason = `签到更正：${input.reason}`;
  let corrected;
  try {
    corrected = await ctx.storage.correctAttendance(
      { eventId: event.id, studentNo: student.studentNo, op: input.op, at, by: openid },
      auditDraft(ctx, openid, `attendance.${input.op}`, `${event.id}:${student.studentNo}`, { reason: input.reason, at: at.toISOString() }),
      now,
    );
  } catch (error) {
    // Already so (a retried correction whose first answer was lost): make sure its credit followed, then say so.
    if (error instanceof ApiError && error.code === 'CORRECTION_NOT_NEEDED') {
      await settleAttendance(ctx.storage, event, student.studentNo, await ctx.storage.getAttendance(event.id, student.studentNo), openid, reason, now);
    }
    throw error;
  }
  const { attendance, counts } = corrected;
  // The credit follows the corrected attendance at once: awarded, reversed (an undone check-in) or re-settled.
  await settleAttendance(ctx.storage, event, student.studentNo, attendance, openid, reason, now);
  // A member checked in after the fact is no longer a no-show: a recorded no-show (and its penalty) is reversed.
  if (attendance.checkedInAt) await ctx.storage.settleCredit(student.studentNo, noShowKeyBase(event.id, student.studentNo), null, openid, reason, now);
  const registration = await ctx.storage.getRegistration(event.id, student.studentNo);
  const row = toAttendanceRow(event, {
    student,
    registration: registration ? { status: registration.status, passSeq: registration.passSeq } : null,
    attendance,
  });
  return { row, counts: toCountsView(counts) };
}
