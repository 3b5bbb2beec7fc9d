import { ApiError, type ActionOutput, type ActionParsedInput } from '../../types';
import { toEventCounters, toEventSummary, toMyRegistration } from '../domain';
import type { HandlerContext } from './context';
import { requireStudentNo } from './identity';

/** A full event with a waitlist is not an error: the sign-up succeeds as waitlisted, with its place. */
export async function signUp(input: ActionParsedInput<'signUp'>, ctx: HandlerContext): Promise<ActionOutput<'signUp'>> {
  const studentNo = await requireStudentNo(ctx);
  const outcome = await ctx.storage.signUp(input.eventId, studentNo, ctx.now());
  return {
    registration: toMyRegistration(outcome.registration, outcome.waitlistPosition),
    event: toEventCounters(outcome.event),
  };
}

export async function cancelRegistration(
  input: ActionParsedInput<'cancelRegistration'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'cancelRegistration'>> {
  const studentNo = await requireStudentNo(ctx);
  const outcome = await ctx.storage.cancel(input.eventId, studentNo, ctx.now());
  return { registration: toMyRegistration(outcome.registration, null), event: toEventCounters(outcome.event) };
}

export async function listMyRegistrations(
  _input: ActionParsedInput<'listMyRegistrations'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listMyRegistrations'>> {
  const studentNo = await requireStudentNo(ctx);
  const regs = await ctx.storage.listActiveRegistrationsOfStudent(studentNo);
  const rows = await Promise.all(
    regs.map(async (r) => {
      const event = await ctx.storage.getEvent(r.eventId);
      if (!event) throw new ApiError('INTERNAL');
      return { registration: toMyRegistration(r, await ctx.storage.waitlistPosition(r)), event: toEventSummary(event) };
    }),
  );
  // Upcoming first, in the order they happen.
  rows.sort((a, b) => a.event.startAt.localeCompare(b.event.startAt));
  return { registrations: rows };
}
