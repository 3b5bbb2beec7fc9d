import { afterFailure, afterSuccess, REMINDER_LEAD_MS, SKIP_REASONS, skipReason, skipped, type OutboxMessage } from '../../../core';
import type { NotificationSender } from './sender';
import type { StoragePort } from '../../storage/ports';
import { applyNoShowPenalties } from '../credits/no-shows';
import { reminderMessages } from './queue';
import { drawDueLotteries } from '../lottery/draw';
import { recordNoShowMarks } from '../conduct/no-show-marks';
import { queueFollowAlerts } from '../follows/alerts';

export interface JobReport {
  /** Messages newly queued (reminders). */
  queued: number;
  sent: number;
  /** Tries that failed and will be retried later (backoff). */
  retried: number;
  /** Messages that failed their last try: reported, never dropped silently. */
  failed: number;
  /** Messages not sent: no consent, no WeChat account bound, or their event has already started. */
  skipped: number;
  /** Events whose sign-up window ended and that were closed. */
  closed: number;
  /** No-show entries recorded (only when the committee turned the no-show rule on). */
  penalised: number;
  /** Due messages this run had no time left for: the next run takes them first (their deadlines are nearest). */
  left: number;
  /** Queued sign-ups placed by this run (a rush on CloudBase whose students all left before being placed). */
  placed: number;
  /** Lotteries drawn (their windows had closed), or drawn ones written through. */
  drawn: number;
  /** No-show marks recorded (the sign-up block rule, when the committee turned it on). */
  marked: number;
  /** Alerts queued for followers of events that opened for sign-up. */
  alerted: number;
}

export interface JobOptions {
  /**
   * How long the send loop may run, in milliseconds: well under the timer function's timeout (60 s in
   * cloudbaserc.json), so a run always ends with its report written rather than being cut off.
   */
  budgetMs?: number;
  /** A monotonic clock in milliseconds for that budget (`performance.now`); tests pass their own. */
  elapsedMs?: () => number;
}

export const DEFAULT_SEND_BUDGET_MS = 30_000;
/** Due messages read per page; skip decisions are made for a whole page from bulk reads. */
const PAGE = 100;

/**
 * The timed job (a CloudBase timer trigger every 5 minutes; the local server runs it on an interval): draws the
 * lotteries whose window closed (server/features/lottery/draw.ts), closes sign-ups whose window has ended, queues
 * reminders for events starting within 24 hours, records no-shows when the committee turned those rules on (the
 * credit deduction, server/features/credits/no-shows.ts, and the marks that block sign-ups,
 * server/features/conduct/no-show-marks.ts), queues alerts for followers of events that opened
 * (server/features/follows/alerts.ts), and sends what is due, retrying failures with backoff.
 * Every step is idempotent (keys, statuses), so overlapping runs do no harm.
 *
 * Sending never starves a sendable message: due messages are taken a page at a time, nearest deadline first; for a
 * page, the students and their consents are read in bulk, and every message that will not be sent (no consent, no
 * account, event already started) is marked skipped in bulk, costing nothing from the send budget. The loop goes on
 * until nothing is due or the time budget is spent, and the report says how many are left for the next run.
 */
// Runs in one process never overlap: the local scheduler and a committee's 立即运行 (or a timer run and an api call in
// one warm container) would otherwise both take the same due message — one sends it, the other finds the consent used
// and marks it skipped. Across containers the window is the few milliseconds of one send; see docs/cloudbase.md.
let running: Promise<unknown> = Promise.resolve();

export function runScheduledJobs(storage: StoragePort, sender: NotificationSender, now: Date, options: JobOptions = {}): Promise<JobReport> {
  const run = running.then(() => runOnce(storage, sender, now, options));
  running = run.catch(() => undefined);
  return run;
}

async function runOnce(storage: StoragePort, sender: NotificationSender, now: Date, options: JobOptions): Promise<JobReport> {
  const report: JobReport = { queued: 0, sent: 0, retried: 0, failed: 0, skipped: 0, closed: 0, penalised: 0, left: 0, placed: 0, drawn: 0, marked: 0, alerted: 0 };
  const system = { at: now.toISOString(), actor: 'system', target: '', detail: '{}' };

  // Sign-ups left queued (their students closed the page before being placed) are placed before sign-ups close.
  report.placed = await storage.settleQueuedSignups(now);

  // Lotteries whose window closed are drawn (their result notices queued) before the messages are sent below.
  report.drawn = await drawDueLotteries(storage, now);

  for (const event of await storage.listEventsToClose(now)) {
    await storage.changeEventStatus(event.id, 'close', null, { ...system, action: 'event.close', target: event.id, detail: '{"reason":"报名时间已到"}' });
    report.closed++;
  }

  for (const event of await storage.listEventsStartingWithin(now, REMINDER_LEAD_MS)) {
    const registrations = await storage.listRegistrationsOfEvent(event.id, ['confirmed']);
    report.queued += await storage.enqueueNotifications(reminderMessages(event, registrations, now));
  }

  report.penalised = await applyNoShowPenalties(storage, now);
  report.marked = await recordNoShowMarks(storage, now);
  report.alerted = await queueFollowAlerts(storage, now);

  const elapsed = options.elapsedMs ?? (() => performance.now());
  const budget = options.budgetMs ?? DEFAULT_SEND_BUDGET_MS;
  const started = elapsed();
  const handled = new Set<string>();
  for (;;) {
    if (elapsed() - started >= budget) {
      report.left = await storage.countDueNotifications(now);
      break;
    }
    // Every message of a page leaves the due set (sent, skipped, failed, or retried later), so the next page is new;
    // a page of nothing but messages already handled means an adapter did not keep a write: stop rather than spin.
    const page = (await storage.dueNotifications(now, PAGE)).filter((m) => !handled.has(m.key));
    if (page.length === 0) break;
    for (const m of page) handled.add(m.key);
    await deliverPage(storage, sender, page, now, report, () => elapsed() - started >= budget);
  }
  return report;
}

/** One page: skip in bulk what will not be sent, then send the rest one by one (each consent taken atomically). */
async function deliverPage(
  storage: StoragePort,
  sender: NotificationSender,
  page: readonly OutboxMessage[],
  now: Date,
  report: JobReport,
  outOfTime: () => boolean,
): Promise<void> {
  const [students, consents] = await Promise.all([
    storage.findStudentsByNos(page.map((m) => m.studentNo)),
    storage.consentsLeft(page.map((m) => ({ studentNo: m.studentNo, kind: m.kind }))),
  ]);
  const openids = new Map(students.map((s) => [s.studentNo, s.openid]));
  const skips = new Map<string, string[]>();
  const sendable: Array<{ message: OutboxMessage; openid: string }> = [];
  for (const message of page) {
    const openid = openids.get(message.studentNo);
    const reason = skipReason(message, { openid, consentsLeft: consents.get(`${message.studentNo}:${message.kind}`) ?? 0 }, now);
    if (reason) skips.set(reason, [...(skips.get(reason) ?? []), message.key]);
    else sendable.push({ message, openid: openid! });
  }
  for (const [reason, keys] of skips) {
    await storage.skipNotifications(keys, reason);
    report.skipped += keys.length;
  }
  for (const { message, openid } of sendable) {
    // Out of time: the rest stay pending and due, counted in `left` for the next run.
    if (outOfTime()) return;
    report[await deliver(storage, sender, message, openid, now)]++;
  }
}

async function deliver(
  storage: StoragePort,
  sender: NotificationSender,
  message: OutboxMessage,
  openid: string,
  now: Date,
): Promise<'sent' | 'retried' | 'failed' | 'skipped'> {
  // WeChat sends a one-time subscribe message only if the student tapped "allow" for it; the bulk read said one was
  // left, and taking it is the atomic step (another run may have used it meanwhile).
  if (!(await storage.consumeConsent(message.studentNo, message.kind))) {
    await storage.saveNotification(skipped(message, SKIP_REASONS.noConsent));
    return 'skipped';
  }
  try {
    await sender.send(message, openid);
    await storage.saveNotification(afterSuccess(message, now));
    return 'sent';
  } catch (error) {
    // The consent was not used up by a failed send: give it back for the retry.
    await storage.addConsent(message.studentNo, message.kind, 1);
    const next = afterFailure(message, error instanceof Error ? error.message : String(error), now);
    await storage.saveNotification(next);
    if (next.status === 'failed') console.error(`[notify] ${message.key} failed after ${next.attempts} tries: ${next.lastError}`);
    return next.status === 'failed' ? 'failed' : 'retried';
  }
}
