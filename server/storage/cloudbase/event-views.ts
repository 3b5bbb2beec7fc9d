import type { EventRecord } from '../../../core';
import { COLLECTIONS, eventFromDoc } from './documents';
import { readDoc, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

/**
 * What one function instance last saw of an event in a rush, so that the thousands of calls it serves in a few
 * seconds do not each read the event's document: the door reuses it to send a sign-up to the queue, and a page asking
 * after a queued sign-up reuses it for the counters and to know whether a drainer is at work.
 *
 * Each view is as old as its `readAtMs` (the request clock, like the lease's). Nothing here decides a seat: the door
 * judges only what does not change in a second (the window, the audience), and the drainer places on a fresh read
 * inside its transaction.
 */
export interface EventView {
  event: EventRecord;
  /** The drainer's lease as seen (ISO; '' when free). */
  leaseUntil: string;
  readAtMs: number;
}

export class EventViews {
  private readonly views = new Map<string, EventView>();

  constructor(private readonly kit: CloudbaseKit) {}

  /** The view if it was read less than `maxAgeMs` before `now`; else none. */
  cached(eventId: string, now: Date, maxAgeMs: number): EventView | null {
    const view = this.views.get(eventId);
    if (!view) return null;
    const age = now.getTime() - view.readAtMs;
    return age >= 0 && age < maxAgeMs ? view : null;
  }

  /** The view if younger than `maxAgeMs`, else the event read again (one operation); null for an unknown event. */
  async recent(eventId: string, now: Date, maxAgeMs: number): Promise<EventView | null> {
    const cached = this.cached(eventId, now, maxAgeMs);
    if (cached) return cached;
    const doc = await readDoc(this.kit.db.collection(COLLECTIONS.events).doc(eventId));
    if (!doc) {
      this.views.delete(eventId);
      return null;
    }
    return this.remember(doc, now);
  }

  /** Keeps what a call just read of the event's document. */
  remember(doc: WxDoc, now: Date): EventView {
    const view = { event: eventFromDoc(doc), leaseUntil: typeof doc.drainLeaseUntil === 'string' ? doc.drainLeaseUntil : '', readAtMs: now.getTime() };
    this.views.set(view.event.id, view);
    return view;
  }

  /**
   * A lease this instance just failed to take is held by someone: later calls here leave it alone for `forMs`
   * instead of each trying it (one operation apiece, for nothing).
   */
  noteDrainer(eventId: string, now: Date, forMs: number): void {
    const view = this.views.get(eventId);
    if (!view) return;
    const until = new Date(now.getTime() + forMs).toISOString();
    if (until > view.leaseUntil) this.views.set(eventId, { ...view, leaseUntil: until });
  }

  /** A drainer here let go of the lease (or placed a batch): the counters it wrote, and the lease free. */
  noteDrained(eventId: string, counters: Partial<EventRecord> | null, now: Date): void {
    const view = this.views.get(eventId);
    if (!view) return;
    this.views.set(eventId, { event: { ...view.event, ...(counters ?? {}) }, leaseUntil: '', readAtMs: now.getTime() });
  }

  /** Whether the view shows a drainer at work at `now`. */
  static drainerSeen(view: EventView, now: Date): boolean {
    return view.leaseUntil > now.toISOString();
  }
}
