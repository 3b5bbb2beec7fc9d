import { alertsDue, outboxKey, restrictsAudience, audienceRefusal, topicsOfEvent, type EventRecord, type OutboxMessage } from '../../../core';
import type { StoragePort } from '../../storage/ports';
import { campusDateTime } from '../shared/campus-time';

/**
 * The timer's step for follows: each published event whose sign-up opened within the last day gets, once, an alert
 * queued for every follower of its topics (within its audience). A message is sent only if the student has a consent
 * left (the outbox's job skips it otherwise), and after sign-up closes it is no longer worth sending (its deadline).
 */
export async function queueFollowAlerts(storage: StoragePort, now: Date): Promise<number> {
  const events = (await storage.listEvents({})).filter((e) => alertsDue(e, now));
  let queued = 0;
  for (const event of events) {
    if (await storage.followAlertsQueued(event.id)) continue;
    const followers = await storage.followersOf(topicsOfEvent(event));
    const audience = restrictsAudience(event.audience) ? await storage.findStudentsByNos(followers) : null;
    const within = audience
      ? audience.filter((s) => audienceRefusal(event.audience, s) === null).map((s) => s.studentNo)
      : followers;
    const count = within.length ? await storage.enqueueNotifications(within.map((no) => alertOf(event, no, now))) : 0;
    await storage.markFollowAlertsQueued(event.id, count, now);
    queued += count;
  }
  return queued;
}

export function alertOf(event: EventRecord, studentNo: string, now: Date): OutboxMessage {
  const how = event.signupMode === 'lottery' ? '抽签报名已开始，截止前申请即可，先后不影响结果' : '报名已开始，先到先得';
  return {
    key: outboxKey('new_event', event.id, studentNo),
    kind: 'new_event',
    studentNo,
    eventId: event.id,
    data: { title: event.title, time: campusDateTime(event.startAt), place: event.location, note: `你关注的活动${how}` },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
    deadlineAt: event.signupEndAt,
  };
}
