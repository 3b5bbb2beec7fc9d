import { afterFailure, afterSuccess, REMINDER_LEAD_MS, type OutboxMessage } from '../domain';
import type { NotificationSender } from '../notifications/sender';
import type { StoragePort } from '../storage/port';
import { applyNoShowPenalties } from '../credits/no-shows';
import { reminderMessages } from './notify';

export interface JobReport {
  /** Messages newly queued (reminders). */
  queued: number;
  sent: number;
  /** Tries that failed and will be retried later (backoff). */
  retried: number;
  /** Messages that failed their last try: reported, never dropped silently. */
  failed: number;
  /** Messages not sent because the student gave no consent (or has no WeChat account bound). */
  skipped: number;
  /** Events whose sign-up window ended and that were closed. */
  closed: number;
  /** No-show entries recorded (only when the committee turned the no-show rule on). */
  penalised: number;
}

const SEND_BATCH = 200;

/**
 * The timed job (a CloudBase timer trigger every 5 minutes; the local server runs it on an interval): closes
 * sign-ups whose window has ended, queues reminders for events starting within 24 hours, records no-shows when the
 * committee turned that rule on (server/credits/no-shows.ts), and sends what is due,
 * retrying failures with backoff. Every step is idempotent (keys, statuses), so overlapping runs do no harm.
 */
// Runs in one process never overlap: the local scheduler and a committee's 立即运行 (or a timer run and an api call in
// one warm container) would otherwise both take the same due message — one sends it, the other finds the consent used
// and marks it skipped. Across containers the window is the few milliseconds of one send; see docs/cloudbase.md.
let running: Promise<unknown> = Promise.resolve();

export function runScheduledJobs(storage: StoragePort, sender: NotificationSender, now: Date): Promise<JobReport> {
  const run = running.then(() => runOnce(storage, sender, now));
  running = run.catch(() => undefined);
  return run;
}

async function runOnce(storage: StoragePort, sender: NotificationSender, now: Date): Promise<JobReport> {
  const report: JobReport = { queued: 0, sent: 0, retried: 0, failed: 0, skipped: 0, closed: 0, penalised: 0 };
  const system = { at: now.toISOString(), actor: 'system', target: '', detail: '{}' };

  for (const event of await storage.listEventsToClose(now)) {
    await storage.changeEventStatus(event.id, 'close', null, { ...system, action: 'event.close', target: event.id, detail: '{"reason":"报名时间已到"}' });
    report.closed++;
  }

  for (const event of await storage.listEventsStartingWithin(now, REMINDER_LEAD_MS)) {
    const registrations = await storage.listRegistrationsOfEvent(event.id, ['confirmed']);
    report.queued += await storage.enqueueNotifications(reminderMessages(event, registrations, now));
  }

  report.penalised = await applyNoShowPenalties(storage, now);

  for (const message of await storage.dueNotifications(now, SEND_BATCH)) {
    const outcome = await deliver(storage, sender, message, now);
    report[outcome]++;
  }
  return report;
}

async function deliver(
  storage: StoragePort,
  sender: NotificationSender,
  message: OutboxMessage,
  now: Date,
): Promise<'sent' | 'retried' | 'failed' | 'skipped'> {
  const student = await storage.findStudentByNo(message.studentNo);
  // WeChat sends a one-time subscribe message only if the student tapped "allow" for it: no consent, no message.
  if (!student?.openid || !(await storage.consumeConsent(message.studentNo, message.kind))) {
    await storage.saveNotification({ ...message, status: 'skipped', lastError: student?.openid ? '未授权订阅消息' : '未绑定微信' });
    return 'skipped';
  }
  try {
    await sender.send(message, student.openid);
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
