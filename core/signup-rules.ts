import type { ErrorCode } from '../types';
import type { EventRules, RegistrationRecord } from './records';

export type Refusal = { kind: 'refuse'; code: ErrorCode };
export type SignupDecision = { kind: 'confirm' } | { kind: 'waitlist' } | { kind: 'pending' } | Refusal;

/**
 * Whether a student may sign up for an event at `now`, and how: a seat, a place on the waitlist, or a refusal with a
 * stable code. `existing` is the student's registration for this event, if any (a cancelled one may sign up again).
 */
export function decideSignup(event: EventRules, existing: RegistrationRecord | null, now: Date): SignupDecision {
  if (event.status === 'cancelled') return refuse('EVENT_CANCELLED');
  if (event.status === 'draft') return refuse('NOT_FOUND');
  if (existing && existing.status !== 'cancelled') return refuse('ALREADY_SIGNED_UP');
  if (event.status === 'closed') return refuse('SIGNUP_CLOSED');
  const t = now.getTime();
  if (t < Date.parse(event.signupStartAt)) return refuse('SIGNUP_NOT_OPEN');
  if (t >= Date.parse(event.signupEndAt)) return refuse('SIGNUP_CLOSED');
  // An application holds no seat: the organiser's approval takes one (decideApplication), or refuses when none is left.
  if (event.approvalRequired) return { kind: 'pending' };
  if (event.seatsLeft > 0) return { kind: 'confirm' };
  if (event.waitlistEnabled) return { kind: 'waitlist' };
  return refuse('EVENT_FULL');
}

/** The event's counters after an accepted sign-up. */
export function countersAfterSignup(event: EventRules, decision: 'confirm' | 'waitlist'): Pick<EventRules, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'> {
  if (decision === 'confirm') {
    return { seatsLeft: event.seatsLeft - 1, waitlistCount: event.waitlistCount, waitlistSeq: event.waitlistSeq };
  }
  return { seatsLeft: event.seatsLeft, waitlistCount: event.waitlistCount + 1, waitlistSeq: event.waitlistSeq + 1 };
}

export function refuse(code: ErrorCode): Refusal {
  return { kind: 'refuse', code };
}
