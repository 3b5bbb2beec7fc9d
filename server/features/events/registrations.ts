import { ApiError, ERROR_CODES, type ActionOutput, type ActionParsedInput } from '../../../types';
import { blockMessage, toEventCounters, toEventSummary, toMyRegistration } from '../../../core';
import { activeBlockOf } from '../conduct/block-rule';
import { queuePromotionNotice } from '../notifications/queue';
import { coverLink } from '../files/cover-links';
import type { HandlerContext } from '../shared/context';
import { requireStudentNo } from '../shared/caller';

/**
 * A full event with a waitlist is not an error: the sign-up succeeds as waitlisted, with its place. Everything else
 * is decided inside the adapter's atomic step: a draft does not exist for students (NOT_FOUND), an application to an
 * approval-required event is 'pending', and a student outside the event's audience (colleges, grades, league members
 * only) is refused (AUDIENCE_*) before anything is written — the profile is read only for events with such a rule,
 * so an open event's sign-up still costs what it did (3 operations on CloudBase). A lottery event takes an
 * application ('applied': no seat; the draw decides after the window closes). A student blocked for no-shows (the
 * committee's rule, when on: one read of their block) is refused with the block's reason and end date.
 */
export async function signUp(input: ActionParsedInput<'signUp'>, ctx: HandlerContext): Promise<ActionOutput<'signUp'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now();
  // A block for no-shows (the committee's rule) is judged by decideSignup on every path; its refusal names the end.
  const block = await activeBlockOf(ctx, studentNo, now);
  const outcome = await ctx.storage.signUp(input.eventId, studentNo, now, { block }).catch((error: unknown) => {
    if (block && error instanceof ApiError && error.code === 'SIGNUP_BLOCKED') throw new ApiError('SIGNUP_BLOCKED', blockMessage(block));
    throw error;
  });
  // A sign-up placed by another call in a rush (CloudBase's queue) comes back without its place in line: look it up.
  const position =
    outcome.waitlistPosition ?? (outcome.registration.status === 'waitlisted' ? await ctx.storage.waitlistPosition(outcome.registration) : null);
  return {
    registration: toMyRegistration(outcome.registration, position),
    event: toEventCounters(outcome.event),
  };
}

/**
 * A queued sign-up's answer (a rush on CloudBase): the student's page asks (core: QUEUED_POLL) until the sign-up is
 * placed, and shows the counters this answers instead of loading the event again. The adapter answers from what it
 * has seen of the event a moment ago, and drains the queue itself when nobody is at it (pollSignup).
 */
export async function getMySignup(input: ActionParsedInput<'getMySignup'>, ctx: HandlerContext): Promise<ActionOutput<'getMySignup'>> {
  const studentNo = await requireStudentNo(ctx);
  const { registration, event, waitlistPosition } = await ctx.storage.pollSignup(input.eventId, studentNo, ctx.now());
  const counters = event ? toEventCounters(event) : null;
  if (!registration || registration.status === 'cancelled') {
    const code = registration?.refusal;
    return { registration: null, refusal: code ? { code, message: ERROR_CODES[code].message } : null, event: counters };
  }
  return { registration: toMyRegistration(registration, waitlistPosition), refusal: null, event: counters };
}

export async function cancelRegistration(
  input: ActionParsedInput<'cancelRegistration'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'cancelRegistration'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now();
  const outcome = await ctx.storage.cancel(input.eventId, studentNo, now);
  const promoted = outcome.promoted;
  if (promoted) {
    // The waitlisted student who took the seat hears about it (once: the outbox is keyed by reason). The seat is
    // already given, so a notice that cannot be queued is logged and the cancel still answers as done.
    await (async () => {
      const event = await ctx.storage.getEvent(input.eventId);
      if (event) await queuePromotionNotice(ctx.storage, event, promoted, now);
    })().catch((error) => console.error(`[cancelRegistration] promotion notice for ${promoted.id} not queued`, error));
  }
  return { registration: toMyRegistration(outcome.registration, null), event: toEventCounters(outcome.event) };
}

export async function listMyRegistrations(
  _input: ActionParsedInput<'listMyRegistrations'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listMyRegistrations'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now().getTime();
  const regs = await ctx.storage.listActiveRegistrationsOfStudent(studentNo);
  const rows = await Promise.all(
    regs.map(async (r) => {
      const event = await ctx.storage.getEvent(r.eventId);
      if (!event) throw new ApiError('INTERNAL');
      // Attendance exists only once an event has started (and only for a seat): 我的活动 shows 已签到 / 缺席 from it.
      const started = Date.parse(event.startAt) <= now;
      const record = started && r.status === 'confirmed' ? await ctx.storage.getAttendance(event.id, studentNo) : null;
      const attendance = record?.checkedInAt ? { checkedInAt: record.checkedInAt, checkedOutAt: record.checkedOutAt } : null;
      const [position, coverUrl] = await Promise.all([ctx.storage.waitlistPosition(r), coverLink(ctx, event)]);
      return { registration: toMyRegistration(r, position), event: { ...toEventSummary(event), coverUrl }, attendance };
    }),
  );
  // Upcoming first, in the order they happen.
  rows.sort((a, b) => a.event.startAt.localeCompare(b.event.startAt));
  return { registrations: rows };
}
