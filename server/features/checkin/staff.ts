import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { mayAssignStaff, mayRunCheckin } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import { countsOfEvent, staffViews, toCheckinEvent } from './common';
import { requireEvent } from '../shared/lookups';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { readEventPage } from '../shared/event-pages';

/**
 * The events the caller may run check-in for (their branch's or college's, all for the committee, and those they
 * were assigned to), not cancelled, by start (then id). Counters come from the event records: no rows are counted.
 * A page a call (types/pages.ts): the committee's list is every event of the year, about 1 MB at 2,000 events.
 */
export async function listCheckinEvents(
  input: ActionParsedInput<'listCheckinEvents'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listCheckinEvents'>> {
  const openid = await requireOpenid(ctx);
  const roles = await callerRoles(ctx);
  const { events, next } = await readEventPage(ctx, input, (e) => e.status !== 'cancelled' && mayRunCheckin(roles, openid, e));
  return { events: events.map((e) => ({ ...toCheckinEvent(e), counts: countsOfEvent(e) })), next };
}

/** The account named: a bound student's by student number, or an openid as given (a teacher's). */
async function accountOf(ref: string, ctx: HandlerContext): Promise<string> {
  const student = await ctx.storage.findStudentByNo(ref);
  if (!student) return ref;
  if (!student.openid) throw new ApiError('NOT_FOUND', '该学生尚未绑定微信，绑定后才能指派为签到员');
  return student.openid;
}

/**
 * The organiser's officers (and the committee) assign helpers who may scan for this one event, whatever roles they
 * hold — a volunteer captain, a student assistant. Every change is in the audit log.
 */
export async function setCheckinStaff(
  input: ActionParsedInput<'setCheckinStaff'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'setCheckinStaff'>> {
  const actor = await requireOpenid(ctx);
  const [event, roles] = await Promise.all([requireEvent(input.eventId, ctx), callerRoles(ctx)]);
  if (!mayAssignStaff(roles, event)) throw new ApiError('FORBIDDEN', '只有主办方的团干部或校团委可以指派签到员');
  const openid = await accountOf(input.account, ctx);
  const staff = await ctx.storage.setEventStaff(
    event.id,
    openid,
    input.assigned,
    auditDraft(ctx, actor, input.assigned ? 'checkinStaff.assign' : 'checkinStaff.unassign', `${event.id}:${openid}`, {
      account: input.account,
    }),
  );
  return { staff: await staffViews(staff, ctx) };
}
