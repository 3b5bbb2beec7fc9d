import { outboxKey, type EventRecord, type NotificationKind, type OutboxMessage, type RegistrationRecord } from '../../../core';
import { campusDateTime } from '../shared/campus-time';
import type { StoragePort } from '../../storage/ports';

/**
 * Queueing notifications. The outbox is keyed by reason (`<kind>:<event>:<student>`), so queueing the same reason
 * twice — a job run twice, a retried request — adds nothing: a student hears about one thing once.
 */
function messageOf(kind: NotificationKind, event: EventRecord, studentNo: string, note: string, now: Date): OutboxMessage {
  return {
    key: outboxKey(kind, event.id, studentNo),
    kind,
    studentNo,
    eventId: event.id,
    data: { title: event.title, time: campusDateTime(event.startAt), place: event.location, note },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
    deadlineAt: event.startAt,
  };
}

export function reminderMessages(event: EventRecord, registrations: readonly RegistrationRecord[], now: Date): OutboxMessage[] {
  return registrations
    .filter((r) => r.status === 'confirmed')
    .map((r) => messageOf('event_reminder', event, r.studentNo, `活动将于 ${campusDateTime(event.startAt)} 开始，请准时参加`, now));
}

/** Everyone signed up (confirmed, waitlisted or applied) hears that the event is cancelled, with the reason. */
export async function queueCancellationNotices(storage: StoragePort, event: EventRecord, reason: string, now: Date): Promise<number> {
  const registrations = await storage.listRegistrationsOfEvent(event.id, ['confirmed', 'waitlisted', 'pending']);
  const note = `活动已取消：${reason}`.slice(0, 60);
  return storage.enqueueNotifications(registrations.map((r) => messageOf('event_cancelled', event, r.studentNo, note, now)));
}

/** The waitlisted student who took a freed seat. */
export async function queuePromotionNotice(storage: StoragePort, event: EventRecord, promoted: RegistrationRecord, now: Date): Promise<number> {
  return storage.enqueueNotifications([messageOf('waitlist_promoted', event, promoted.studentNo, '候补成功，你已获得名额，请准时参加', now)]);
}
