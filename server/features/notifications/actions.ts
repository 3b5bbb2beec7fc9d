import type { ActionOutput, ActionParsedInput, OutboxGroup } from '../../../types';
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
 * The outbox summed up by event and reason (one line per event and kind with its counts by status), newest events
 * first: hundreds of identical reminders read as one line. The event titles are read in one bulk look-up.
 */
export async function summarizeOutbox(
  input: ActionParsedInput<'summarizeOutbox'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'summarizeOutbox'>> {
  const groups = new Map<string, OutboxGroup>();
  for (const row of await ctx.storage.outboxCounts(input.status)) {
    const id = `${row.eventId}|${row.kind}`;
    const g = groups.get(id) ?? { eventId: row.eventId, eventTitle: '', eventStartAt: null, kind: row.kind, total: 0, pending: 0, sent: 0, failed: 0, skipped: 0 };
    g[row.status] += row.count;
    g.total += row.count;
    groups.set(id, g);
  }
  const events = new Map((await ctx.storage.getEventsByIds([...new Set([...groups.values()].map((g) => g.eventId))])).map((e) => [e.id, e]));
  const out = [...groups.values()].map((g) => {
    const event = events.get(g.eventId);
    return { ...g, eventTitle: event?.title ?? '', eventStartAt: event?.startAt ?? null };
  });
  out.sort((a, b) => (b.eventStartAt ?? '').localeCompare(a.eventStartAt ?? '') || a.eventId.localeCompare(b.eventId) || a.kind.localeCompare(b.kind));
  return { groups: out };
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
