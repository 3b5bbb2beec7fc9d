import { ApiError } from '../../../types';
import {
  countersAfterCancel,
  countersAfterSignup,
  decideCancel,
  decideSignup,
  inRushWindow,
  mayPromote,
  needsAudienceFacts,
  placedPositionIfFresh,
  registrationId,
  EVENT_LISTING_FIELDS,
  type AudienceFacts,
  type EventListing,
  type EventRecord,
  type RegistrationRecord,
} from '../../../core';
import type { CancelOutcome, EventFilter, EventPage, EventPageQuery, EventsPort, SignupOutcome, SignupPoll } from '../ports';
import { COLLECTIONS, eventFromDoc, eventListingFromDoc, eventToDoc, registrationFromDoc, registrationToDoc, studentFromDoc, withoutId } from './documents';
import { isTransactionConflict, StaleReadError } from './errors';
import { DEFAULT_SIGNUP_QUEUE, drainerActive, GoToQueue, placedRegistration, SignupQueue, type SignupQueueOptions } from './signup-queue';
import { EventViews } from './event-views';
import { AddFailed, addIn, inBatches, inOrder, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit, type SortKey } from './kit';
import type { WxQuery, WxTransaction } from './wx-db';

const { events: EVENTS, registrations: REGISTRATIONS, students: STUDENTS } = COLLECTIONS;

/** Registrations that are not cancelled. */
const ACTIVE_STATUSES = ['confirmed', 'waitlisted', 'pending'];
/** The waitlist's order: tickets are handed out increasing, so the lowest is first in line. */
const LINE_ORDER: readonly SortKey[] = [['waitlistSeq', 'asc']];

/** Listings one query reads at most (listEventPage): 100 at their heaviest are ~750 KB, under a query's 1 MB. */
export const LISTING_READ_LIMIT = 100;

/**
 * The catalogue, sign-up, cancel and the waitlist on CloudBase.
 *
 * Sign-up is one `runTransaction` of three document operations on the normal path: read the event, write its
 * counters, add the registration whose `_id` is `${eventId}:${studentNo}`. The deterministic id makes a second
 * registration of the same student impossible without a unique index: its `add` fails, and only then (rare path)
 * does the adapter read the registration to tell "already signed up" from "signing up again after cancelling".
 * Cancel finds the first in line by a query (queries cannot be part of a transaction), then re-reads and writes
 * event, own registration and candidate by id inside one transaction. Every document a transaction reads is also
 * written by it, so CloudBase's write-conflict detection makes each transaction serialisable.
 *
 * Conflicts: runTransaction re-runs its callback itself; on top of that the kit retries a conflicted or stale
 * attempt with jittered backoff and answers BUSY after `maxAttempts`. Refusals are thrown as ApiError.
 */
/** A sign-up whose transaction conflicted in the rush window: the queue takes it (see `signUp`). */
class ConflictInRush extends Error {
  constructor(readonly event: EventRecord) {
    super('sign-up conflicted in the rush window');
    this.name = 'ConflictInRush';
  }
}

export class CloudbaseEvents implements EventsPort {
  private readonly queue: SignupQueue;

  constructor(
    private readonly kit: CloudbaseKit,
    queueOptions: SignupQueueOptions = DEFAULT_SIGNUP_QUEUE,
  ) {
    this.queue = new SignupQueue(kit, queueOptions);
  }

  /**
   * Category and order are asked of the database; the keyword (a substring of title, organizer, tag or location,
   * like the SQLite adapter's instr) is matched here: a semester has tens of events, one page (and the empty one that
   * ends it).
   */
  async listEvents(filter: EventFilter): Promise<EventRecord[]> {
    const events = this.kit.db.collection(EVENTS);
    const query = filter.category ? events.where({ category: filter.category }) : events;
    const all = (await this.kit.fetchAll(query, [['startAt', 'asc']])).map(eventFromDoc);
    const keyword = filter.keyword;
    if (!keyword) return all;
    return all.filter((e) => matchesKeyword(e, keyword));
  }

  /**
   * One query: the category (if any) and the position after the cursor asked of the database — `startAt` after the
   * cursor's, or equal with a greater `_id`: the catalogue's order is total, so pages never overlap or skip — read
   * as the listing's fields only (`field()`: a listing is ~600 bytes where a whole event is ~1.4 KB); the keyword
   * matched here as in listEvents. At most LISTING_READ_LIMIT a read, fewer than a list's page may ask: a listing at
   * its heaviest (30 colleges in its audience, 20 check-in staff, every text at its longest) is ~7.5 KB, and a query
   * may answer no more than 1 MB (-602001); the list reads on from `next` (readEventPage).
   */
  async listEventPage(query: EventPageQuery): Promise<EventPage> {
    const _ = this.kit.command;
    const conditions: Record<string, unknown>[] = [];
    if (query.category) conditions.push({ category: query.category });
    if (query.after) {
      const { startAt, id } = query.after;
      conditions.push(_.or([{ startAt: _.gt(startAt) }, { startAt, _id: _.gt(id) }]));
    }
    const events = this.kit.db.collection(EVENTS);
    const where = conditions.length === 0 ? events : events.where(conditions.length === 1 ? conditions[0] : _.and(conditions));
    const { docs, more } = await this.kit.fetchPage(where, [['startAt', 'asc']], Math.min(query.limit, LISTING_READ_LIMIT), EVENT_LISTING_FIELDS);
    const listed = docs.map(eventListingFromDoc);
    const last = listed[listed.length - 1];
    const keyword = query.keyword;
    return {
      events: keyword ? listed.filter((e) => matchesKeyword(e, keyword)) : listed,
      next: more && last ? { startAt: last.startAt, id: last.id } : null,
    };
  }

  async getEvent(eventId: string): Promise<EventRecord | null> {
    const doc = await readDoc(this.kit.db.collection(EVENTS).doc(eventId));
    return doc ? eventFromDoc(doc) : null;
  }

  /** By `_id` in batches of 100 (`_.in`); unknown ids are left out; in the order asked. */
  async getEventsByIds(ids: readonly string[]): Promise<EventRecord[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const byId = new Map((await this.kit.fetchByIds(EVENTS, unique)).map(eventFromDoc).map((e) => [e.id, e] as const));
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
    return readRegistrationIn(this.kit.db, eventId, studentNo);
  }

  async listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]> {
    const _ = this.kit.command;
    const query = this.kit.db.collection(REGISTRATIONS).where({ studentNo, status: _.in(ACTIVE_STATUSES) });
    return (await this.kit.fetchAll(query, [['createdAt', 'desc']])).map(registrationFromDoc);
  }

  /** One `count`: those still waiting with a lower ticket, plus one. */
  async waitlistPosition(registration: RegistrationRecord): Promise<number | null> {
    if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return null;
    const _ = this.kit.command;
    const { total } = await this.kit.db
      .collection(REGISTRATIONS)
      .where({ eventId: registration.eventId, status: 'waitlisted', waitlistSeq: _.lt(registration.waitlistSeq) })
      .count();
    return total + 1;
  }

  async listWaitlist(eventId: string): Promise<RegistrationRecord[]> {
    return (await this.kit.fetchAll(waitingLine(this.kit, eventId), LINE_ORDER)).map(registrationFromDoc);
  }

  /**
   * The direct path: one transaction, three operations (see the class comment). In a rush — the first minutes after
   * sign-up opens, a drainer at work, or a conflict on the event document — the sign-up goes to the intake queue
   * instead (signup-queue.ts), so that a crowd never turns into a line of retries on one document.
   */
  async signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    const queue = this.queue.options.enabled ? this.queue : null;
    // In a rush this instance read the event a moment ago: straight to the queue, without reading it again.
    const view = queue?.views.cached(eventId, now, queue.options.intakeCacheMs);
    // Only a view of an open event: a refusal (a draft, a closed or cancelled event) is decided on a fresh read, so an
    // instance that saw the event before it was published or reopened does not keep refusing from memory.
    if (queue && view && view.event.status === 'published' && inRushWindow(view.event, now)) {
      return queue.signUp(view.event, studentNo, now, await this.audienceFacts(view.event, studentNo), EventViews.drainerSeen(view, now));
    }
    const seen: { event: EventRecord | null } = { event: null };
    const direct = async (): Promise<SignupOutcome> => {
      let hasRegistration = false;
      const attempt = async () => {
        if (!hasRegistration) {
          try {
            return await firstSignUp(this.kit, eventId, studentNo, now, queue, seen);
          } catch (error) {
            if (!(error instanceof AddFailed)) throw error;
            // Rare path: the add failed. If the registration exists, the student signed up before; else it was a
            // real failure, and the transaction has already undone the counters.
            const existing = await this.getRegistration(eventId, studentNo);
            if (!existing) throw error.original;
            if (existing.status !== 'cancelled') throw new ApiError('ALREADY_SIGNED_UP');
            hasRegistration = true;
          }
        }
        return signUpAgain(this.kit, eventId, studentNo, now, queue, seen);
      };
      // A conflict is retried with backoff, except in the rush window after sign-up opens, where the queue takes the sign-up at once:
      // there a retry would only meet the same crowd again.
      return this.kit.withRetries(async () => {
        try {
          return await attempt();
        } catch (error) {
          const conflict = isTransactionConflict(error) || error instanceof StaleReadError;
          if (queue && conflict && seen.event && inRushWindow(seen.event, now)) throw new ConflictInRush(seen.event);
          throw error;
        }
      });
    };
    try {
      return await direct();
    } catch (error) {
      if (!queue) throw error;
      if (error instanceof GoToQueue) {
        const seenNow = queue.views.remember(error.doc, now);
        return queue.signUp(seenNow.event, studentNo, now, await this.audienceFacts(seenNow.event, studentNo), EventViews.drainerSeen(seenNow, now));
      }
      if (!(error instanceof ConflictInRush)) throw error;
      return queue.signUp(error.event, studentNo, now, await this.audienceFacts(error.event, studentNo));
    }
  }

  /**
   * A student's page asking after its sign-up: the registration (one operation), the counters from this instance's
   * view of the event (read at most `pollViewMs` ago), the place in line as placed while fresh, else counted. A
   * queued sign-up with no drainer in view drains (the lease, then batches): a queue never waits for a drainer that
   * has gone, and an instance that found the lease held leaves it alone for a moment.
   */
  async pollSignup(eventId: string, studentNo: string, now: Date): Promise<SignupPoll> {
    let registration = await this.getRegistration(eventId, studentNo);
    const queue = this.queue.options.enabled ? this.queue : null;
    const view = queue ? await queue.views.recent(eventId, now, queue.options.pollViewMs) : null;
    let event: EventRecord | null = view ? view.event : await this.getEvent(eventId);
    let position: number | null = null;
    if (queue && view && registration?.status === 'queued' && !EventViews.drainerSeen(view, now)) {
      const made = await queue.drain(eventId, now, registration.id);
      const mine = made.placements.find((p) => p.registrationId === registration!.id);
      if (made.counters && event) event = { ...event, ...made.counters };
      if (mine) {
        registration = placedRegistration(registration, mine, now);
        position = mine.position;
      }
    }
    if (registration?.status === 'waitlisted' && position === null) {
      position = placedPositionIfFresh(registration, now) ?? (await this.waitlistPosition(registration));
    }
    return { registration, event, waitlistPosition: position };
  }

  /** Every event with queued sign-ups, settled (the timer's step for sign-ups nobody came back for). */
  async settleQueuedSignups(now: Date): Promise<number> {
    if (!this.queue.options.enabled) return 0;
    let placed = 0;
    for (const eventId of await this.queue.eventsWithQueue()) placed += (await this.queue.settle(eventId, now)).length;
    return placed;
  }

  private async audienceFacts(event: EventRecord, studentNo: string): Promise<AudienceFacts | null | undefined> {
    if (!needsAudienceFacts(event)) return undefined;
    const doc = await readDoc(this.kit.db.collection(STUDENTS).doc(studentNo));
    return doc ? studentFromDoc(doc) : null;
  }

  async cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome> {
    const id = registrationId(eventId, studentNo);
    return this.kit.withRetries(async () => {
      // Queries are not transactional, so the first in line is looked up before and re-checked by id inside.
      const { data } = await inOrder(waitingLine(this.kit, eventId), LINE_ORDER).limit(1).get();
      const candidateId = data.length ? String(data[0]._id) : null;
      return this.kit.transaction(async (t) => {
        const event = await readEventIn(t, eventId);
        const registration = await readRegistrationIn(t, eventId, studentNo);
        const decision = decideCancel(event, registration, now);
        if (decision.kind === 'refuse') throw new ApiError(decision.code);
        const own = registration as RegistrationRecord;
        const stamp = now.toISOString();
        if (own.status === 'pending') {
          // An application held no seat and no ticket: withdrawing it changes no counter and promotes nobody.
          await t.collection(REGISTRATIONS).doc(id).update({ data: { status: 'cancelled', updatedAt: stamp } });
          return { registration: { ...own, status: 'cancelled' as const, updatedAt: stamp }, event, promoted: null };
        }

        let promoted: RegistrationRecord | null = null;
        if (decision.freesSeat && mayPromote(event, now) && event.waitlistCount > 0) {
          if (!candidateId || candidateId === id) throw new StaleReadError('the waitlist changed');
          const candidateDoc = await readDoc(t.collection(REGISTRATIONS).doc(candidateId));
          if (!candidateDoc || candidateDoc.status !== 'waitlisted') throw new StaleReadError('the first in line changed');
          promoted = { ...registrationFromDoc(candidateDoc), status: 'confirmed', updatedAt: stamp };
          await t.collection(REGISTRATIONS).doc(candidateId).update({ data: { status: 'confirmed', updatedAt: stamp } });
        }
        await t.collection(REGISTRATIONS).doc(id).update({ data: { status: 'cancelled', updatedAt: stamp } });
        const counters = countersAfterCancel(event, own, promoted !== null);
        await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
        return {
          registration: { ...own, status: 'cancelled', updatedAt: stamp },
          event: { ...event, ...counters },
          promoted,
        };
      });
    });
  }

  async putEvents(events: EventRecord[]): Promise<void> {
    await inBatches(events, (e) => {
      const doc = eventToDoc(e);
      return this.kit.db.collection(EVENTS).doc(doc._id).set({ data: withoutId(doc) });
    });
  }
}

/**
 * In a rush the sign-up is not the direct path's (see signUp): a drainer holds the event's lease, or sign-up opened
 * minutes ago. Decided on the event document the transaction just read, so it costs nothing more.
 */
async function readEventOrQueue(t: WxTransaction, eventId: string, now: Date, queue: SignupQueue | null, seen: { event: EventRecord | null }): Promise<EventRecord> {
  const doc = await readDoc(t.collection(EVENTS).doc(eventId));
  if (!doc) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  const event = eventFromDoc(doc);
  seen.event = event;
  if (queue && (inRushWindow(event, now) || drainerActive(doc, now))) throw new GoToQueue(doc);
  return event;
}

/** The normal path, three operations: read the event, write its counters, add the registration. */
function firstSignUp(kit: CloudbaseKit, eventId: string, studentNo: string, now: Date, queue: SignupQueue | null, seen: { event: EventRecord | null }): Promise<SignupOutcome> {
  return kit.transaction(async (t) => {
    const event = await readEventOrQueue(t, eventId, now, queue, seen);
    const student = await audienceFactsIn(t, event, studentNo);
    let decision = decideSignup(event, null, now, student);
    if (decision.kind === 'refuse' && decision.code !== 'EVENT_CANCELLED') {
      // The rules rank ALREADY_SIGNED_UP above the time and seat refusals: look before refusing (rare path).
      decision = decideSignup(event, await readRegistrationIn(t, eventId, studentNo), now, student);
    }
    if (decision.kind === 'refuse') throw new ApiError(decision.code);

    // An application (approval required) holds no seat and no ticket: the event is not written (2 operations).
    const counters = decision.kind === 'pending' ? countersOf(event) : countersAfterSignup(event, decision.kind);
    if (decision.kind !== 'pending') await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
    const registration = newRegistration(eventId, studentNo, decision.kind, counters.waitlistSeq, now);
    await addIn(t, REGISTRATIONS, registration.id, registrationToDoc(registration));
    return outcomeOfSignup(registration, event, counters, decision.kind);
  });
}

/** A student who has a registration document (cancelled) signs up again: event and registration by id. */
function signUpAgain(kit: CloudbaseKit, eventId: string, studentNo: string, now: Date, queue: SignupQueue | null, seen: { event: EventRecord | null }): Promise<SignupOutcome> {
  const id = registrationId(eventId, studentNo);
  return kit.transaction(async (t) => {
    const event = await readEventOrQueue(t, eventId, now, queue, seen);
    const existing = await readRegistrationIn(t, eventId, studentNo);
    const decision = decideSignup(event, existing, now, await audienceFactsIn(t, event, studentNo));
    if (decision.kind === 'refuse') throw new ApiError(decision.code);

    const counters = decision.kind === 'pending' ? countersOf(event) : countersAfterSignup(event, decision.kind);
    if (decision.kind !== 'pending') await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
    // Signing up again keeps the pass number, so passes revoked before the cancel stay revoked.
    const registration = newRegistration(eventId, studentNo, decision.kind, counters.waitlistSeq, now, existing?.passSeq ?? 0);
    if (existing) {
      await t.collection(REGISTRATIONS).doc(id).update({ data: withoutId(registrationToDoc(registration)) });
    } else {
      await t.collection(REGISTRATIONS).add({ data: registrationToDoc(registration) });
    }
    return outcomeOfSignup(registration, event, counters, decision.kind);
  });
}

/** Those waiting for the event (in line by LINE_ORDER). */
function waitingLine(kit: CloudbaseKit, eventId: string): WxQuery {
  return kit.db.collection(REGISTRATIONS).where({ eventId, status: 'waitlisted' });
}

/** An event with an audience rule reads the student's profile (one more operation); open events cost nothing. */
async function audienceFactsIn(t: WxTransaction, event: EventRecord, studentNo: string): Promise<AudienceFacts | null | undefined> {
  if (!needsAudienceFacts(event)) return undefined;
  const doc = await readDoc(t.collection(STUDENTS).doc(studentNo));
  return doc ? studentFromDoc(doc) : null;
}

function newRegistration(
  eventId: string,
  studentNo: string,
  kind: 'confirm' | 'waitlist' | 'pending',
  waitlistSeq: number,
  now: Date,
  passSeq = 0,
): RegistrationRecord {
  const stamp = now.toISOString();
  return {
    id: registrationId(eventId, studentNo),
    eventId,
    studentNo,
    status: kind === 'confirm' ? 'confirmed' : kind === 'waitlist' ? 'waitlisted' : 'pending',
    waitlistSeq: kind === 'waitlist' ? waitlistSeq : null,
    passSeq,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

function outcomeOfSignup(
  registration: RegistrationRecord,
  event: EventRecord,
  counters: Pick<EventRecord, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'>,
  kind: 'confirm' | 'waitlist' | 'pending',
): SignupOutcome {
  // The newest ticket is the last in line, so its place is the number now waiting.
  return { registration, event: { ...event, ...counters }, waitlistPosition: kind === 'waitlist' ? counters.waitlistCount : null };
}

function countersOf(event: EventRecord): Pick<EventRecord, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'> {
  return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount, waitlistSeq: event.waitlistSeq };
}

/** A substring of title, organizer, tag or location, like the SQLite adapter's instr. */
function matchesKeyword(e: EventListing, keyword: string): boolean {
  return [e.title, e.organizer, e.tag, e.location].some((text) => text.includes(keyword));
}
