import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { toEventDetail, toEventSummary, toMyRegistration, type EventListing } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerStudentNo } from '../shared/caller';
import { readEventPage } from '../shared/event-pages';
import { coverLinks, coverLink } from '../files/cover-links';
import { activeBlockOf, toBlockView } from '../conduct/block-rule';

/**
 * What students browse. A draft is seen only by its organisers (previewEvent), so it is neither listed nor found
 * here. A cancelled event stays listed, marked 已取消, so that those signed up learn of it where they look.
 */
function shownToStudents(e: Pick<EventListing, 'status'>): boolean {
  return e.status !== 'draft';
}

/** A page of the catalogue (types/pages.ts), each event with the caller's own status. */
export async function listEvents(input: ActionParsedInput<'listEvents'>, ctx: HandlerContext): Promise<ActionOutput<'listEvents'>> {
  const [{ events, next }, studentNo] = await Promise.all([readEventPage(ctx, input, shownToStudents), callerStudentNo(ctx)]);
  const mine = new Map<string, 'confirmed' | 'waitlisted' | 'pending' | 'queued' | 'applied'>();
  if (studentNo) {
    for (const r of await ctx.storage.listActiveRegistrationsOfStudent(studentNo)) {
      if (r.status !== 'cancelled') mine.set(r.eventId, r.status);
    }
  }
  const covers = await coverLinks(ctx, events);
  return { events: events.map((e) => ({ ...toEventSummary(e), coverUrl: covers.get(e.id) ?? null, myStatus: mine.get(e.id) ?? null })), next };
}

export async function getEvent(input: ActionParsedInput<'getEvent'>, ctx: HandlerContext): Promise<ActionOutput<'getEvent'>> {
  const [event, studentNo] = await Promise.all([ctx.storage.getEvent(input.eventId), callerStudentNo(ctx)]);
  if (!event || !shownToStudents(event)) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  const coverUrl = coverLink(ctx, event);
  if (!studentNo) return { event: { ...toEventDetail(event), coverUrl: await coverUrl }, myRegistration: null, myAttendance: null };
  const [r, attendance, block] = await Promise.all([
    ctx.storage.getRegistration(event.id, studentNo),
    ctx.storage.getAttendance(event.id, studentNo),
    // Only a published event takes sign-ups; while the committee's rule is off this reads nothing.
    event.status === 'published' ? activeBlockOf(ctx, studentNo, ctx.now()) : null,
  ]);
  const myRegistration = r && r.status !== 'cancelled' ? toMyRegistration(r, await ctx.storage.waitlistPosition(r)) : null;
  const myAttendance = attendance?.checkedInAt
    ? { checkedInAt: attendance.checkedInAt, checkedOutAt: attendance.checkedOutAt }
    : null;
  const answer = { event: { ...toEventDetail(event), coverUrl: await coverUrl }, myRegistration, myAttendance };
  return block && !myRegistration ? { ...answer, myBlock: toBlockView(block) } : answer;
}
