import { ApiError } from '../../../types';
import type { EventRecord, StudentRecord } from '../../../core';
import type { HandlerContext } from './context';

/** Reads every area needs: an event that must exist, events and roster entries by key, read in bulk. */

export async function requireEvent(eventId: string, ctx: HandlerContext): Promise<EventRecord> {
  const event = await ctx.storage.getEvent(eventId);
  if (!event) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  return event;
}

/** Events by id, read in one call (unknown ids are absent). */
export async function eventsById(ctx: HandlerContext, ids: Iterable<string | null>): Promise<Map<string, EventRecord>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const events = await ctx.storage.getEventsByIds(unique);
  return new Map(events.map((e) => [e.id, e]));
}

/** Roster entries by student number, read in bulk (unknown numbers are absent). */
export async function studentsByNo(ctx: HandlerContext, studentNos: Iterable<string>): Promise<Map<string, StudentRecord>> {
  const found = await ctx.storage.findStudentsByNos([...new Set(studentNos)]);
  return new Map(found.map((s) => [s.studentNo, s]));
}

/**
 * Every student of the roster, in one read (one pass; CloudBase pages through it). The roster import caps a file at
 * 20,000 rows and a school has far fewer than this, so the limit only guards against a runaway read.
 */
export const WHOLE_ROSTER = 500_000;
