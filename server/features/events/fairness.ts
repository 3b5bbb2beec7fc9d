import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { decideLeaveRequest } from '../../../core';
import { activeBlockOf, toBlockView } from '../conduct/block-rule';
import { toLeaveView } from '../conduct/leave';
import { lotteryViewOf } from '../lottery/views';
import { callerStudentNo } from '../shared/caller';
import type { HandlerContext } from '../shared/context';

/**
 * What the event page shows beside the event itself (issue 16): the lottery (commitment and rules before the window,
 * the count of applications, the outcome after the draw, the caller's own application), the caller's leave request
 * and whether they may ask for leave now, and their sign-up block if one runs. Anyone may ask; the caller's parts
 * are null without a bound student. Reads only what applies: a first-come event reads no lottery, a student not
 * confirmed reads no leave.
 */
export async function getEventFairness(input: ActionParsedInput<'getEventFairness'>, ctx: HandlerContext): Promise<ActionOutput<'getEventFairness'>> {
  const [event, studentNo] = await Promise.all([ctx.storage.getEvent(input.eventId), callerStudentNo(ctx)]);
  if (!event || event.status === 'draft') throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  const now = ctx.now();
  const registration = studentNo ? await ctx.storage.getRegistration(event.id, studentNo) : null;
  const [position, leave, block] = await Promise.all([
    registration ? ctx.storage.waitlistPosition(registration) : Promise.resolve(null),
    studentNo && registration && registration.status !== 'waitlisted' ? ctx.storage.getLeave(event.id, studentNo) : Promise.resolve(null),
    studentNo ? activeBlockOf(ctx, studentNo, now) : Promise.resolve(null),
  ]);
  const lottery = await lotteryViewOf(ctx, event, registration ? { registration, waitlistPosition: position } : null);
  return {
    lottery,
    myLeave: leave ? toLeaveView(leave) : null,
    myBlock: block ? toBlockView(block) : null,
    leaveOpen: !!registration && decideLeaveRequest(event, registration, leave, now).kind === 'request',
  };
}
