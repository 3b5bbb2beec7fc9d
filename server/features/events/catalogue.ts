import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { toEventDetail, toEventSummary, toMyRegistration, type EventRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerStudentNo } from '../shared/caller';

/**
 * What students browse. A draft is seen only by its organisers (previewEvent), so it is neither listed nor found
 * here. A cancelled event stays listed, marked 已取消, so that those signed up learn of it where they look.
 */
function shownToStudents(e: EventRecord): boolean {
  return e.status !== 'draft';
}

export async function listEvents(input: ActionParsedInput<'listEvents'>, ctx: HandlerContext): Promise<ActionOutput<'listEvents'>> {
  const [events, studentNo] = await Promise.all([
    ctx.storage.listEvents({ category: input.category, keyword: input.keyword || undefined }),
    callerStudentNo(ctx),
  ]);
  const mine = new Map<string, 'confirmed' | 'waitlisted' | 'pending' | 'queued' | 'applied'>();
  if (studentNo) {
    for (const r of await ctx.storage.listActiveRegistrationsOfStudent(studentNo)) {
      if (r.status !== 'cancelled') mine.set(r.eventId, r.status);
    }
  }
  return { events: events.filter(shownToStudents).map((e) => ({ ...toEventSummary(e), myStatus: mine.get(e.id) ?? null })) };
}

export async function getEvent(input: ActionParsedInput<'getEvent'>, ctx: HandlerContext): Promise<ActionOutput<'getEvent'>> {
  const [event, studentNo] = await Promise.all([ctx.storage.getEvent(input.eventId), callerStudentNo(ctx)]);
  if (!event || !shownToStudents(event)) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  if (!studentNo) return { event: toEventDetail(event), myRegistration: null, myAttendance: null };
  const [r, attendance] = await Promise.all([
    ctx.storage.getRegistration(event.id, studentNo),
    ctx.storage.getAttendance(event.id, studentNo),
  ]);
  const myRegistration = r && r.status !== 'cancelled' ? toMyRegistration(r, await ctx.storage.waitlistPosition(r)) : null;
  const myAttendance = attendance?.checkedInAt
    ? { checkedInAt: attendance.checkedInAt, checkedOutAt: attendance.checkedOutAt }
    : null;
  return { event: toEventDetail(event), myRegistration, myAttendance };
}
