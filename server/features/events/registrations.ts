import { ApiError, ERROR_CODES, type ActionOutput, type ActionParsedInput } from '../../../types';
import { toEventCounters, toEventSummary, toMyRegistration } from '../../../core';
import { queuePromotionNotice } from '../notifications/queue';
import type { HandlerContext } from '../shared/context';
import { requireStudentNo } from '../shared/caller';

/**
 * A full event with a waitlist is not an error: the sign-up succeeds as waitlisted, with its place. Everything else
 * is decided inside the adapter's atomic step: a draft does not exist for students (NOT_FOUND), an application to an
 * approval-required event is 'pending', and a student outside the event's audience (colleges, grades, league members
 * only) is refused (AUDIENCE_*) before anything is written — the profile is read only for events with such a rule,
 * so an open event's sign-up still costs what it did (3 operations on CloudBase).
 */
export async function signUp(input: ActionParsedInput<'signUp'>, ctx: HandlerContext): Promise<ActionOutput<'signUp'>> {
  const studentNo = await requireStudentNo(ctx);
  const outcome = await ctx.storage.signUp(input.eventId, studentNo, ctx.now());
  // A sign-up placed by another call in a rush (CloudBase's queue) comes back without its place in line: look it up.
  const position =
    outcome.waitlistPosition ?? (outcome.registration.status === 'waitlisted' ? await ctx.storage.waitlistPosition(outcome.registration) : null);
  return {
    registration: toMyRegistration(outcome.registration, position),
    event: toEventCounters(outcome.event),
  };
}

/**
 * A queued sign-up's answer (a rush on CloudBase): the student's page asks every couple of seconds until the sign-up
 * is placed. Reading the registration is one operation; a sign-up queued for longer than a drainer's slice also tries
 * to carry the draining on (settleSignups), so a queue is never left waiting for a drainer that has gone.
 */
export async function getMySignup(input: ActionParsedInput<'getMySignup'>, ctx: HandlerContext): Promise<ActionOutput<'getMySignup'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now();
  let registration = await ctx.storage.getRegistration(input.eventId, studentNo);
  if (registration?.status === 'queued' && now.getTime() - Date.parse(registration.queuedAt ?? registration.updatedAt) >= SETTLE_AFTER_MS) {
    await ctx.storage.settleSignups(input.eventId, now);
    registration = await ctx.storage.getRegistration(input.eventId, studentNo);
  }
  if (!registration || registration.status === 'cancelled') {
    const code = registration?.refusal;
    return { registration: null, refusal: code ? { code, message: ERROR_CODES[code].message } : null };
  }
  const position = registration.status === 'waitlisted' ? await ctx.storage.waitlistPosition(registration) : null;
  return { registration: toMyRegistration(registration, position), refusal: null };
}

/** How long a queued sign-up waits before its own page helps drain (a drainer's slice is 2 s). */
const SETTLE_AFTER_MS = 3_000;

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
      return { registration: toMyRegistration(r, await ctx.storage.waitlistPosition(r)), event: toEventSummary(event), attendance };
    }),
  );
  // Upcoming first, in the order they happen.
  rows.sort((a, b) => a.event.startAt.localeCompare(b.event.startAt));
  return { registrations: rows };
}
