import type { ErrorCode } from '../types';
import type { AudienceFacts } from './publishing/details';
import type { EventRules, RegistrationRecord } from './records';
import { countersAfterSignup, decideSignup } from './signup-rules';

/**
 * Sign-ups in a rush (CloudBase). Every direct sign-up writes the event's one document (its seat and waitlist
 * counters), and writes to one document conflict: a crowd is served one at a time and most of it times out. In a rush
 * a sign-up instead writes only the student's own registration, `queued` and stamped with its arrival; one drainer at
 * a time (holding the event's lease) places the queued ones in arrival order, a batch at a time, with one write of the
 * counters per batch. These are the rules of that path, pure:
 *
 * - inRushWindow: when a sign-up goes to the queue straight away — the first minutes after sign-up opens, when a
 *   crowd arrives at once. (Otherwise it tries the direct path, and queues only if that meets a conflict or a drainer.)
 * - decideIntake: what the door judges without the counters — a cancelled or draft event, a registration already
 *   held (a queued one included), the window, the audience, an application (approval events take no seat: pending).
 * - placeQueued: the batch in arrival order against the counters the drainer read: a seat while seats last, then the
 *   next waitlist ticket (so places in line follow arrival), else EVENT_FULL; all refused if the event was cancelled
 *   or closed meanwhile. The counters after the batch come with it.
 */
export const RUSH_WINDOW_MS = 10 * 60_000;

export function inRushWindow(event: Pick<EventRules, 'signupStartAt'>, now: Date): boolean {
  const opened = Date.parse(event.signupStartAt);
  return now.getTime() >= opened && now.getTime() < opened + RUSH_WINDOW_MS;
}

/**
 * How long the place in line a sign-up was given when placed is answered as it is, instead of counting those ahead
 * again (one more database operation per student in a rush). A place only changes when someone ahead leaves the line,
 * which in the seconds after a rush is rare; later views (the event page, 我的报名) always count.
 */
export const PLACED_POSITION_FRESH_MS = 10_000;

/** The place in line as placed, if that placement is still the registration's latest change and recent; else null. */
export function placedPositionIfFresh(registration: RegistrationRecord, now: Date): number | null {
  const placed = registration.placed;
  if (registration.status !== 'waitlisted' || !placed || placed.at !== registration.updatedAt) return null;
  const age = now.getTime() - Date.parse(placed.at);
  return age >= 0 && age <= PLACED_POSITION_FRESH_MS ? placed.position : null;
}

export type IntakeDecision = { kind: 'queue' } | { kind: 'pending' } | { kind: 'refuse'; code: ErrorCode };

export function decideIntake(event: EventRules, existing: RegistrationRecord | null, now: Date, student?: AudienceFacts | null): IntakeDecision {
  if (existing?.status === 'queued') return { kind: 'refuse', code: 'ALREADY_SIGNED_UP' };
  // Seats aside: they are the drainer's to judge. A full event without a waitlist still queues (a seat may be freed by
  // the time the drainer comes) and is refused there if not.
  const decision = decideSignup({ ...event, seatsLeft: Math.max(1, event.seatsLeft) }, existing, now, student);
  if (decision.kind === 'refuse') return decision;
  return decision.kind === 'pending' ? { kind: 'pending' } : { kind: 'queue' };
}

/** A queued sign-up as the drainer reads it. */
export interface QueuedSignup {
  registrationId: string;
  studentNo: string;
  /** When it arrived (the intake's clock, ISO); the registration id breaks ties. */
  queuedAt: string;
}

export interface Placement {
  registrationId: string;
  studentNo: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  /** The waitlist ticket of a waitlisted placement. */
  waitlistSeq: number | null;
  /** Its place in line when placed (the newest ticket is the last in line); null unless waitlisted. */
  position: number | null;
  /** Why a queued sign-up was refused after all (EVENT_FULL, EVENT_CANCELLED, SIGNUP_CLOSED …). */
  refusal: ErrorCode | null;
}

export type QueueCounters = Pick<EventRules, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'>;

/** Arrival order: by arrival instant, then registration id (unique), so every drainer agrees on it. */
export function compareArrival(a: QueuedSignup, b: QueuedSignup): number {
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt ? -1 : 1;
  return a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0;
}

/**
 * Places a batch in arrival order. The event's status is judged now (a cancelled or closed event takes no more); the
 * window and the audience were judged at the door, when each arrived.
 */
export function placeQueued(event: EventRules, queued: readonly QueuedSignup[]): { placements: Placement[]; counters: QueueCounters } {
  let counters: QueueCounters = { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount, waitlistSeq: event.waitlistSeq };
  const stopped = stoppedBecause(event);
  const placements: Placement[] = [];
  for (const q of [...queued].sort(compareArrival)) {
    const base = { registrationId: q.registrationId, studentNo: q.studentNo };
    if (stopped) {
      placements.push({ ...base, status: 'cancelled', waitlistSeq: null, position: null, refusal: stopped });
    } else if (counters.seatsLeft > 0) {
      counters = countersAfterSignup({ ...event, ...counters }, 'confirm');
      placements.push({ ...base, status: 'confirmed', waitlistSeq: null, position: null, refusal: null });
    } else if (event.waitlistEnabled) {
      counters = countersAfterSignup({ ...event, ...counters }, 'waitlist');
      placements.push({ ...base, status: 'waitlisted', waitlistSeq: counters.waitlistSeq, position: counters.waitlistCount, refusal: null });
    } else {
      placements.push({ ...base, status: 'cancelled', waitlistSeq: null, position: null, refusal: 'EVENT_FULL' });
    }
  }
  return { placements, counters };
}

function stoppedBecause(event: Pick<EventRules, 'status'>): ErrorCode | null {
  if (event.status === 'cancelled') return 'EVENT_CANCELLED';
  if (event.status === 'closed') return 'SIGNUP_CLOSED';
  if (event.status === 'draft') return 'NOT_FOUND';
  return null;
}
