import type { Category } from '../../../types';
import type { EventCursor, EventListing, EventRecord, EventRules, RegistrationRecord } from '../../../core';

/** What the catalogue may be narrowed to. */
export interface EventFilter {
  category?: Category;
  keyword?: string;
}

/** One page of the catalogue's order: events by start, then id (every event, drafts included). */
export interface EventPageQuery extends EventFilter {
  /** Start after this event (the previous page's `next`); absent: from the first. */
  after?: EventCursor | null;
  /** Events to read at most; an adapter may answer fewer (never trust a page to be full: follow `next`). */
  limit: number;
}

export interface EventPage {
  /** The listing's fields only (what the adapter read). With a keyword, only the events it matches. */
  events: EventListing[];
  /** Where the next page starts; null when this page reached the end. */
  next: EventCursor | null;
}

export interface SignupOutcome {
  registration: RegistrationRecord;
  /** The event's counters and rules after the sign-up (adapters may load no more of it). */
  event: EventRules;
  /** 1-based place on the waitlist, or null when confirmed. */
  waitlistPosition: number | null;
}

/** A student's page asking after its sign-up (getMySignup): the registration, the event's counters, the place in line. */
export interface SignupPoll {
  registration: RegistrationRecord | null;
  /** The event's counters as recently seen (CloudBase: at most half a second old), or null for an unknown event. */
  event: EventRules | null;
  /** 1-based place on the waitlist, or null unless waitlisted. */
  waitlistPosition: number | null;
}

export interface CancelOutcome {
  registration: RegistrationRecord;
  event: EventRules;
  /** The waitlisted registration that took the freed seat, if any. */
  promoted: RegistrationRecord | null;
}

/**
 * The catalogue and sign-ups. Sign-up and cancel are single calls because each must be atomic where the data lives: the
 * adapter asks the core (decideSignup / decideCancel) inside its transaction and applies the decision there, so two
 * students can never take the same last seat and a failure half-way leaves nothing behind. Refusals are ApiError.
 */
export interface EventsPort {
  /** Every event (whole records), by start. For the server's own work; lists answered to callers read pages. */
  listEvents(filter: EventFilter): Promise<EventRecord[]>;
  /**
   * A page of events as lists show them (EventListing: CloudBase reads only those fields), in the catalogue's order.
   * The page's size is what bounds a list's answer: listEvents and listManagedEvents answer a page a call.
   */
  listEventPage(query: EventPageQuery): Promise<EventPage>;
  getEvent(eventId: string): Promise<EventRecord | null>;
  getEventsByIds(ids: readonly string[]): Promise<EventRecord[]>;
  getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null>;
  /** The student's registrations that are not cancelled, newest first. */
  listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]>;
  /** 1-based place among those still waiting for the same event; null if not waitlisted. */
  waitlistPosition(registration: RegistrationRecord): Promise<number | null>;
  /** Waitlisted registrations of an event in line order (first in line first). */
  listWaitlist(eventId: string): Promise<RegistrationRecord[]>;
  /**
   * Signs up atomically. The outcome's registration may be `queued` (CloudBase in a rush, core/signup-queue.ts): its
   * place is being decided, and the student's page asks again (pollSignup) until it is placed.
   */
  signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome>;
  /**
   * The student's sign-up as their page asks after it. Where sign-ups queue, a queued one with nobody placing the
   * queue gets it placed (this call drains), so a queue never waits for a drainer that has gone.
   */
  pollSignup(eventId: string, studentNo: string, now: Date): Promise<SignupPoll>;
  /** Places every event's queued sign-ups (the timer's step); answers how many were placed. */
  settleQueuedSignups(now: Date): Promise<number>;
  cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome>;
  putEvents(events: EventRecord[]): Promise<void>;
}
