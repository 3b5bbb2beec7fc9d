import type { EventRules, RegistrationRecord } from './records';
import { refuse, type Refusal } from './signup-rules';

/**
 * A confirmed student may cancel until the event's cancel deadline; the freed seat goes to the first student on the
 * waitlist (if any). Leaving the waitlist harms nobody, so a waitlisted student may leave until the event starts; the
 * same goes for withdrawing a pending application (it holds no seat). A lottery application may be withdrawn until the
 * window closes.
 */
export type CancelDecision = { kind: 'cancel'; freesSeat: boolean } | Refusal;

export function decideCancel(event: EventRules, registration: RegistrationRecord | null, now: Date): CancelDecision {
  if (!registration || registration.status === 'cancelled') return refuse('NOT_SIGNED_UP');
  // A sign-up still being placed (a rush, core/signup-queue.ts) has no seat and no ticket to give back yet: it is
  // cancelled once placed, seconds later.
  if (registration.status === 'queued') return refuse('SIGNUP_QUEUED');
  // A draw decided but still being written through (CloudBase, seconds): the line is not all in place yet.
  if (event.signupMode === 'lottery' && event.lottery?.drawnAt && !event.lottery.complete) return refuse('LOTTERY_WRITING');
  const t = now.getTime();
  // A lottery application may be withdrawn while the window is open; after that the draw needs the set as it was.
  if (registration.status === 'applied') {
    if (t >= Date.parse(event.signupEndAt)) return refuse('LOTTERY_APPLICATION_LOCKED');
    return { kind: 'cancel', freesSeat: false };
  }
  if (registration.status === 'waitlisted' || registration.status === 'pending') {
    if (t >= Date.parse(event.startAt)) return refuse('CANCEL_CLOSED');
    return { kind: 'cancel', freesSeat: false };
  }
  if (t >= Date.parse(event.cancelDeadlineAt)) return refuse('CANCEL_CLOSED');
  return { kind: 'cancel', freesSeat: true };
}

/**
 * The event's counters after a cancellation. `promoted` says whether a waitlisted student took the freed seat: then
 * the seat count stays and the waitlist shrinks; otherwise the seat returns to the pool.
 */
export function countersAfterCancel(
  event: EventRules,
  cancelled: RegistrationRecord,
  promoted: boolean,
): Pick<EventRules, 'seatsLeft' | 'waitlistCount'> {
  if (cancelled.status === 'waitlisted') {
    return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount - 1 };
  }
  if (cancelled.status === 'pending' || cancelled.status === 'applied') return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount };
  if (promoted) return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount - 1 };
  return { seatsLeft: Math.min(event.capacity, event.seatsLeft + 1), waitlistCount: event.waitlistCount };
}

/**
 * Promotion must happen only while the event has not started; after that a freed seat simply stays free. A closed
 * event (sign-ups stopped, on time by the timer or early by the organiser) still promotes its waitlist: closing stops
 * new sign-ups, not the line of those already waiting.
 */
export function mayPromote(event: EventRules, now: Date): boolean {
  return (event.status === 'published' || event.status === 'closed') && now.getTime() < Date.parse(event.startAt);
}
