import { clearNoShowMark } from '../conduct/no-show-marks';
import { ApiError, ATTENDANCE_PER_PAGE, type ActionOutput, type ActionParsedInput } from '../../../types';
import { settleAttendance } from '../credits/settle-attendance';
import { noShowKeyBase } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import { requireCheckinStaff, staffViews, toAttendanceRow, toCheckinEvent, toCountsView, currentCounts } from './common';
import type { HandlerContext } from '../shared/context';

/** A correction may name a moment a little ahead (clocks differ), not a time that has not come. */
const CORRECTION_FUTURE_SLACK_MS = 5 * 60_000;

/** Where the next page of 到场名单 starts: base64url of `["a", studentNo]` (the last 学号 answered). */
export function encodeAttendanceCursor(studentNo: string): string {
  return Buffer.from(JSON.stringify(['a', studentNo]), 'utf8').toString('base64url');
}

export function decodeAttendanceCursor(text: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value[0] === 'a' && typeof value[1] === 'string' && value[1]) return value[1];
  } catch {
    // not JSON: refused below
  }
  throw new ApiError('INVALID_INPUT', '名单分页位置（cursor）不正确：请从第一页重新加载');
}

/**
 * Who came, who did not, walk-ins, with times and hours: the officer's event page, refreshed as scans arrive. A page a
 * call (a 5,000-member assembly is ~1.25 MB, over what a cloud function may answer), in 学号 order: a scan changes a
 * row, never its place, so paging neither skips nor repeats anyone while the door is busy. The page sorts for display.
 * `event`, `counts` (the server's, for the whole event) and `staff` come whole on every page.
 */
export async function getEventAttendance(
  input: ActionParsedInput<'getEventAttendance'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'getEventAttendance'>> {
  const after = input.cursor === undefined ? null : decodeAttendanceCursor(input.cursor);
  const limit = input.limit ?? ATTENDANCE_PER_PAGE;
  const { event } = await requireCheckinStaff(input.eventId, ctx);
  // The storage reads the event's registrations whole (one index scan on SQLite, 100 a request on CloudBase); only
  // the answer is paged: what limits an all-school assembly today is the 1 MB of the answer, not the reads.
  const [all, counts, staff] = await Promise.all([
    ctx.storage.listEventAttendance(event.id),
    currentCounts(event, ctx),
    staffViews(event.staffOpenids, ctx),
  ]);
  const rest = all
    .filter((r) => after === null || byStudentNo(r.student.studentNo, after) > 0)
    .sort((a, b) => byStudentNo(a.student.studentNo, b.student.studentNo));
  const page = rest.slice(0, limit);
  const next = rest.length > limit ? encodeAttendanceCursor(page[page.length - 1].student.studentNo) : null;
  return {
    event: toCheckinEvent(event),
    counts,
    rows: page.map((r) => toAttendanceRow(event, r)),
    staff,
    next,
  };
}

/** Code-unit order (not locale): the same on every server, so a cursor made by one instance pages right on another. */
function byStudentNo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  // ... and loses its no-show mark (the sign-up block rule), the block worked out again.
  if (attendance.checkedInAt) await clearNoShowMark(ctx.storage, event, student.studentNo, reason, now);
  const registration = await ctx.storage.getRegistration(event.id, student.studentNo);
  const row = toAttendanceRow(event, {
    student,
    registration: registration ? { status: registration.status, passSeq: registration.passSeq } : null,
    attendance,
  });
  return { row, counts: toCountsView(counts) };
}
