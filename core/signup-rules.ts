import type { ErrorCode } from '../types';
import { audienceRefusal, restrictsAudience, type AudienceFacts } from './publishing/details';
import type { EventRules, RegistrationRecord } from './records';

export type Refusal = { kind: 'refuse'; code: ErrorCode };
export type SignupDecision = { kind: 'confirm' } | { kind: 'waitlist' } | { kind: 'pending' } | { kind: 'apply' } | Refusal;

/** A sign-up block for no-shows (core/conduct): only its end matters here. */
export interface BlockFact {
  until: string;
}

/**
 * Whether a student may sign up for an event at `now`, and how: a seat, a place on the waitlist, an application, or a
 * refusal with a stable code. Every rule and their ranking live here, adapters only apply the answer:
 * 1. a cancelled event (EVENT_CANCELLED), a draft (NOT_FOUND);
 * 2. an active registration already (ALREADY_SIGNED_UP) — it says what the student needs to know, whatever else holds;
 * 3. the status and window (signupWindowRefusal);
 * 4. the audience (AUDIENCE_COLLEGE / _GRADE / _LEAGUE_ONLY);
 * 5. a sign-up block for no-shows still running (SIGNUP_BLOCKED; the caller words its end date);
 * 6. a lottery event takes an application to the draw ('apply': no seat, no counter, nothing shared is written);
 * 7. an application when the organiser approves sign-ups, else a seat, a place on the waitlist, or EVENT_FULL.
 * `existing` is the student's registration for this event, if any (a cancelled one may sign up again). `student` is
 * what the audience rule reads (null: not on the roster); it is needed only when the event restricts its audience
 * (needsAudienceFacts), so that an open event's sign-up never reads the student's profile.
 */
export function decideSignup(
  event: EventRules,
  existing: RegistrationRecord | null,
  now: Date,
  student?: AudienceFacts | null,
  block?: BlockFact | null,
): SignupDecision {
  if (event.status === 'cancelled') return refuse('EVENT_CANCELLED');
  if (event.status === 'draft') return refuse('NOT_FOUND');
  if (existing && existing.status !== 'cancelled') return refuse('ALREADY_SIGNED_UP');
  const closed = signupWindowRefusal(event, now);
  if (closed) return refuse(closed);
  if (needsAudienceFacts(event)) {
    if (student === undefined) throw new Error(`decideSignup: event ${event.id} restricts its audience; pass the student's facts`);
    const outside = audienceRefusal(event.audience, student ?? { college: '', grade: '', isLeagueMember: false });
    if (outside) return refuse(outside);
  }
  if (block && Date.parse(block.until) > now.getTime()) return refuse('SIGNUP_BLOCKED');
  // A lottery is drawn only after its window closed (so the window refused above), but a draw run early by hand
  // must not let anyone in afterwards either.
  if (event.signupMode === 'lottery') return event.lottery?.drawnAt ? refuse('SIGNUP_CLOSED') : { kind: 'apply' };
  // An application holds no seat: the organiser's approval takes one (decideApplication), or refuses when none is left.
  if (event.approvalRequired) return { kind: 'pending' };
  if (event.seatsLeft > 0) return { kind: 'confirm' };
  if (event.waitlistEnabled) return { kind: 'waitlist' };
  return refuse('EVENT_FULL');
}

/** Whether deciding a sign-up needs the student's college, grade and membership (the event restricts its audience). */
export function needsAudienceFacts(event: Pick<EventRules, 'audience'>): boolean {
  return restrictsAudience(event.audience);
}

/**
 * Whether the event takes sign-ups at `now`, seats aside: published, and within its window. A social-practice team
 * signs up as one unit with this rule and counts its seats itself.
 */
export function signupWindowRefusal(event: Pick<EventRules, 'status' | 'signupStartAt' | 'signupEndAt'>, now: Date): ErrorCode | null {
  if (event.status === 'cancelled') return 'EVENT_CANCELLED';
  if (event.status === 'draft') return 'NOT_FOUND';
  if (event.status === 'closed') return 'SIGNUP_CLOSED';
  const t = now.getTime();
  if (t < Date.parse(event.signupStartAt)) return 'SIGNUP_NOT_OPEN';
  if (t >= Date.parse(event.signupEndAt)) return 'SIGNUP_CLOSED';
  return null;
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
