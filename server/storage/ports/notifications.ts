import type { NotificationKind, OutboxMessage } from '../../../core';

/**
 * Notifications: the outbox is keyed by reason (outboxKey); consents are one message each.
 */
export interface NotificationsPort {
  /** Inserts the messages whose key is not in the outbox yet; answers how many were new. */
  enqueueNotifications(messages: OutboxMessage[]): Promise<number>;
  /** Pending messages due at `now` (nextAttemptAt ≤ now), the nearest deadline first (then by key). */
  dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]>;
  /** How many pending messages are due at `now` (what a run that ran out of time leaves for the next). */
  countDueNotifications(now: Date): Promise<number>;
  /** Marks these messages skipped with the reason, in bulk; only those still pending change. */
  skipNotifications(keys: readonly string[], reason: string): Promise<void>;
  /** Remaining consents for each (student, kind), keyed `<studentNo>:<kind>`; 0 when none was ever given. */
  consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>>;
  /** Replaces a message's status fields (after a try). */
  saveNotification(message: OutboxMessage): Promise<void>;
  /** Newest first; optionally only one status and / or one event's messages. */
  listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]>;
  addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number>;
  /** Uses one consent atomically; false when none is left. */
  consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean>;
  consents(studentNo: string): Promise<Record<NotificationKind, number>>;
  /** Messages counted by event, kind and status (the committee's grouped outbox), optionally of one status. */
  outboxCounts(status?: OutboxMessage['status']): Promise<Array<{ eventId: string; kind: NotificationKind; status: OutboxMessage['status']; count: number }>>;
}
