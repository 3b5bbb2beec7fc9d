import { ApiError, EVENTS_PER_PAGE, type Category } from '../../../types';
import type { EventCursor, EventListing } from '../../../core';
import type { HandlerContext } from './context';

/**
 * A page of a list of events as a call answers it (listEvents, listManagedEvents; types/pages.ts): storage pages in
 * the catalogue's order are read and filtered (`keep`: what this caller is shown) until `limit` events are kept or the
 * catalogue ends. Each storage read asks only for what is still missing, so a page never holds more than `limit`, and
 * `next` is exactly where the last read stopped. The reads of one call are bounded (MAX_READS_PER_CALL): a caller who
 * is shown few events of a long catalogue gets a short page with a `next` and continues from there.
 */
export const MAX_READS_PER_CALL = 10;

export interface EventPageRequest {
  category?: Category;
  keyword?: string;
  limit?: number;
  cursor?: string;
}

export async function readEventPage(
  ctx: HandlerContext,
  request: EventPageRequest,
  keep: (event: EventListing) => boolean,
): Promise<{ events: EventListing[]; next: string | null }> {
  const limit = Math.min(request.limit ?? EVENTS_PER_PAGE, EVENTS_PER_PAGE);
  let after: EventCursor | null = request.cursor ? decodeEventCursor(request.cursor) : null;
  const events: EventListing[] = [];
  for (let reads = 0; reads < MAX_READS_PER_CALL && events.length < limit; reads++) {
    const page = await ctx.storage.listEventPage({
      category: request.category,
      keyword: request.keyword || undefined,
      after,
      limit: limit - events.length,
    });
    events.push(...page.events.filter(keep));
    after = page.next;
    if (!after) break;
  }
  return { events, next: after ? encodeEventCursor(after) : null };
}

/** The cursor as callers carry it: base64url of `[startAt, id]`. */
export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.startAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeEventCursor(text: string): EventCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && value[1]) {
      return { startAt: value[0], id: value[1] };
    }
  } catch {
    // not JSON: refused below
  }
  throw new ApiError('INVALID_INPUT', '分页位置（cursor）不正确：请从第一页重新加载');
}
