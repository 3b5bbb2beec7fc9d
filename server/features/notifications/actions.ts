import type { ActionOutput, ActionParsedInput } from '../../../types';
import { runScheduledJobs as runJobs } from './scheduled-jobs';
import { localOutboxSender } from './sender';
import { elapsedClock, type HandlerContext } from '../shared/context';
import { requireStudentNo } from '../shared/caller';
import { sweepNowAndThen } from '../files/sweep';

/**
 * What WeChat answered to `requestSubscribeMessage` at the sign-up tap, per kind: each "allow" is good for one
 * message of that kind (a one-time subscribe message), so an accepted kind adds one consent; a refusal adds nothing
 * and is respected (messages of that kind are skipped, see server/features/notifications/scheduled-jobs.ts). Answers what is left.
 */
export async function recordSubscribeConsent(
  input: ActionParsedInput<'recordSubscribeConsent'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'recordSubscribeConsent'>> {
  const studentNo = await requireStudentNo(ctx);
  // One consent per kind and tap, even if a client lists a kind twice.
  const accepted = new Set(input.results.filter((r) => r.accepted).map((r) => r.kind));
  for (const kind of accepted) await ctx.storage.addConsent(studentNo, kind, 1);
  return { remaining: { ...(await ctx.storage.consents(studentNo)) } };
}

/** The outbox: locally the inbox of every "sent" message (the dev UI shows it); on CloudBase failures and retries. */
export async function listOutbox(input: ActionParsedInput<'listOutbox'>, ctx: HandlerContext): Promise<ActionOutput<'listOutbox'>> {
  const messages = await ctx.storage.listOutbox({ status: input.status, eventId: input.eventId, limit: input.limit ?? 100 });
  return { messages: messages.map((m) => ({ ...m, data: { ...m.data } })) };
}

/**
 * Runs the timed job now (the committee's button, and tests): the same job the timer function runs every 5 minutes
 * on CloudBase and the local server every minute. Sends through the context's sender; locally into the outbox.
 */
export async function runScheduledJobs(
  _input: ActionParsedInput<'runScheduledJobs'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'runScheduledJobs'>> {
  const report = await runJobs(ctx.storage, ctx.notificationSender ?? localOutboxSender, ctx.now(), { elapsedMs: elapsedClock(ctx) });
  // The same run removes expired files, unfinished uploads and abandoned jobs (bounded; the rest next time).
  await sweepNowAndThen(ctx.storage, ctx.files, ctx.now());
  return report;
}
