import { markDue, newMark, MARK_AFTER_END_MS, type EventRecord } from '../../../core';
import type { StoragePort } from '../../storage/ports';

/**
 * The timer's step for the sign-up block rule (when the committee turned it on): every confirmed student of an event
 * that ended more than a day ago (the time for leave, MARK_AFTER_END_MS) who did not check in and was not excused
 * gets a no-show mark, once; the storage works out the block. Events that ended longer ago than LOOK_BACK_MS were
 * handled by earlier runs (a leave refused late is marked by a later run within it). Beside, not instead of, the
 * credit deduction of server/features/credits/no-shows.ts.
 */
const LOOK_BACK_MS = 14 * 86_400_000;

export async function recordNoShowMarks(storage: StoragePort, now: Date): Promise<number> {
  const rule = await storage.blockRule();
  if (!rule.enabled) return 0;
  const until = now.getTime() - MARK_AFTER_END_MS;
  const events = (await storage.listEvents({})).filter((e) => {
    const end = Date.parse(e.endAt);
    return (e.status === 'published' || e.status === 'closed') && end <= until && end > until - LOOK_BACK_MS;
  });
  events.sort((a, b) => a.endAt.localeCompare(b.endAt) || a.id.localeCompare(b.id));
  let marked = 0;
  for (const event of events) marked += await markEvent(storage, event, rule, now);
  return marked;
}

async function markEvent(storage: StoragePort, event: EventRecord, rule: Awaited<ReturnType<StoragePort['blockRule']>>, now: Date): Promise<number> {
  const [rows, leaves] = await Promise.all([storage.listEventAttendance(event.id), storage.listLeaves({ eventIds: [event.id] })]);
  const leaveOf = new Map(leaves.map((l) => [l.studentNo, l]));
  let marked = 0;
  for (const row of rows) {
    const studentNo = row.student.studentNo;
    if (!markDue(event, row.registration, row.attendance, leaveOf.get(studentNo) ?? null, now)) continue;
    const { recorded } = await storage.recordNoShowMark(newMark(event, studentNo, now), rule, now);
    if (recorded) marked++;
  }
  return marked;
}

/**
 * A check-in recorded after marks could have been (a late offline upload, a correction) takes the mark away; the
 * block is worked out again. Costs nothing for a check-in in time: no mark can exist before MARK_AFTER_END_MS.
 */
export async function clearNoShowMark(storage: StoragePort, event: Pick<EventRecord, 'id' | 'endAt'>, studentNo: string, reason: string, now: Date): Promise<boolean> {
  if (now.getTime() < Date.parse(event.endAt) + MARK_AFTER_END_MS) return false;
  const rule = await storage.blockRule();
  return (await storage.removeNoShowMark(event.id, studentNo, reason, rule, now)).removed;
}
