import { ApiError, EVENTS_PER_PAGE, type Category } from '../../../types';
import type { EventCursor, EventListing } from '../../../core';
import type { HandlerContext } from './context';

/**
 * A page of a list of events as a call answers it (listEvents, listManagedEvents, listCheckinEvents; types/pages.ts):
 * storage pages in the catalogue's order are read and filtered (`keep`: what this caller is shown) until `limit`
 * events are kept or the catalogue ends. Each storage read asks only for what is still missing, so a page never holds
 * more than `limit`, and `next` is exactly where the last read stopped. The reads of one call are bounded
 * (MAX_READS_PER_CALL): a caller who is shown few events of a long catalogue gets a short page with a `next` and
 * continues from there.
 *
 * A page is bounded in bytes too (PAGE_BYTES_BUDGET): an event's listing is small (~600 bytes) but its texts, its
 * audience (up to 30 colleges) and its check-in staff may make it several KB, and 400 such events would pass the
 * 1 MB a function may answer. The events kept are counted at their listing's JSON size (a bound of what each list
 * shows of it, plus PER_EVENT_OVERHEAD_BYTES for what a list adds: my status, pending applications, counters); once the
 * next one would pass the budget the page ends there, `next` pointing just after the last event answered.
 */
export const MAX_READS_PER_CALL = 12;

/** The most a page's events may weigh (JSON, UTF-8): well under the 1 MB a call answers, leaving room for the rest. */
export const PAGE_BYTES_BUDGET = 800 * 1024;

/** What a list adds to an event's listing in its answer, at most (ManagedEvent's lifecycle and counts; myStatus). */
export const PER_EVENT_OVERHEAD_BYTES = 300;

export interface EventPageRequest {
  category?: Category;
  keyword?: string;
  limit?: number;
  cursor?: string;
}

/** An event's weight in a page (listingBytes): its listing as JSON, UTF-8, plus what a list adds to it. */
export function listingBytes(event: EventListing): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8') + PER_EVENT_OVERHEAD_BYTES;
}

export async function readEventPage(
  ctx: HandlerContext,
  request: EventPageRequest,
  keep: (event: EventListing) => boolean,
  budgetBytes = PAGE_BYTES_BUDGET,
): Promise<{ events: EventListing[]; next: string | null }> {
  const limit = Math.min(request.limit ?? EVENTS_PER_PAGE, EVENTS_PER_PAGE);
  let after: EventCursor | null = request.cursor ? decodeEventCursor(request.cursor) : null;
  const events: EventListing[] = [];
  let bytes = 0;
  for (let reads = 0; reads < MAX_READS_PER_CALL && events.length < limit; reads++) {
    const page = await ctx.storage.listEventPage({
      category: request.category,
      keyword: request.keyword || undefined,
      after,
      limit: limit - events.length,
    });
    for (const event of page.events) {
      if (!keep(event)) continue;
      const weight = listingBytes(event);
      if (events.length > 0 && bytes + weight > budgetBytes) {
        // Full by weight: the next page starts just after the last event answered (what follows is read again).
        const last = events[events.length - 1];
        return { events, next: encodeEventCursor({ startAt: last.startAt, id: last.id }) };
      }
      bytes += weight;
      events.push(event);
    }
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
