import { NOTIFICATION_KINDS, type NotificationKindName } from '../../types/enums';

/**
 * Notifications (WeChat subscribe messages) go through an outbox keyed like the ledger: by reason, not by call, so
 * a reminder, a promotion from the waitlist or a cancellation notice is sent at most once per student and reason,
 * however many times the job that queues it runs. A failed send is retried with backoff and, after the last try,
 * marked failed and reported — never dropped silently.
 */
export { NOTIFICATION_KINDS };
export type NotificationKind = NotificationKindName;

export interface OutboxMessage {
  /** `<kind>:<eventId>:<studentNo>`: the reason. */
  key: string;
  kind: NotificationKind;
  studentNo: string;
  eventId: string;
  /** What the message says (template fields), fixed when queued. */
  data: Record<string, string>;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  /** When the next try is due (pending only). */
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /**
   * After this instant the message is pointless (the event it is about has started): the job sends the messages whose
   * deadline comes first, and marks one whose deadline has passed skipped instead of sending it late.
   */
  deadlineAt: string;
}

export function outboxKey(kind: NotificationKind, eventId: string, studentNo: string): string {
  return `${kind}:${eventId}:${studentNo}`;
}

/** Backoff after the n-th failed try (1-based): 1 min, 5 min, 30 min, 2 h, 12 h; then failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

export function afterFailure(message: OutboxMessage, error: string, now: Date): OutboxMessage {
  const attempts = message.attempts + 1;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return { ...message, attempts, status: 'failed', lastError: error };
  return { ...message, attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
}

export function afterSuccess(message: OutboxMessage, now: Date): OutboxMessage {
  return { ...message, attempts: message.attempts + 1, status: 'sent', sentAt: now.toISOString(), lastError: null };
}

/** Recorded, never retried: why a message was not sent. */
export function skipped(message: OutboxMessage, reason: string): OutboxMessage {
  return { ...message, status: 'skipped', lastError: reason };
}

/** Whether a message's deadline has passed (sending it now would tell the student about the past). */
export function pastDeadline(message: Pick<OutboxMessage, 'deadlineAt'>, now: Date): boolean {
  return Date.parse(message.deadlineAt) <= now.getTime();
}

/**
 * Why a due message will not be sent, or null when it may be: past its deadline, no WeChat account, no consent left.
 * Decided for a whole page at once from what was read in bulk, so that skipping costs no send and no per-message read.
 */
export function skipReason(
  message: OutboxMessage,
  facts: { openid: string | null | undefined; consentsLeft: number },
  now: Date,
): string | null {
  if (pastDeadline(message, now)) return SKIP_REASONS.pastDeadline;
  if (!facts.openid) return SKIP_REASONS.noAccount;
  if (!consentAllows(facts.consentsLeft)) return SKIP_REASONS.noConsent;
  return null;
}

export const SKIP_REASONS = {
  pastDeadline: '活动已开始，消息不再发送',
  noAccount: '未绑定微信',
  noConsent: '未授权订阅消息',
} as const;

/**
 * Consent: WeChat lets an app send a one-time subscribe message only after the user tapped "allow" for that
 * template, and each allow is good for one message. A student without a remaining consent for the kind is
 * 'skipped' (recorded, not retried): we never send what was not agreed to.
 */
export function consentAllows(remaining: number): boolean {
  return remaining > 0;
}

/** Reminders are queued this long before an event starts. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * Whether an event's reminders are due at `now`: within the lead time and not yet started. Closed events count too:
 * the timer closes sign-ups when their window ends, usually before the 24 hours, and those signed up still go.
 */
export function reminderDue(event: { startAt: string; status: string }, now: Date): boolean {
  const start = Date.parse(event.startAt);
  return (event.status === 'published' || event.status === 'closed') && start > now.getTime() && start - now.getTime() <= REMINDER_LEAD_MS;
}
