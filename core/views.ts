import type { EventCounters, EventDetail, EventSummary, MyRegistration } from '../types';
import type { EventListing, EventRecord, EventRules, RegistrationRecord } from './records';

/** What a student may see of an event: everything but internal counters. */
export function toEventSummary(e: EventListing): EventSummary {
  return {
    id: e.id,
    title: e.title,
    category: e.category,
    tag: e.tag,
    organizer: e.organizer,
    location: e.location,
    startAt: e.startAt,
    endAt: e.endAt,
    signupStartAt: e.signupStartAt,
    signupEndAt: e.signupEndAt,
    cancelDeadlineAt: e.cancelDeadlineAt,
    capacity: e.capacity,
    seatsLeft: e.seatsLeft,
    waitlistCount: e.waitlistCount,
    waitlistEnabled: e.waitlistEnabled,
    credits: e.credits,
    status: e.status,
    audience: { colleges: [...e.audience.colleges], grades: [...e.audience.grades], leagueMembersOnly: e.audience.leagueMembersOnly },
    approvalRequired: e.approvalRequired,
  };
}

/** How attendance is credited, as a student reads it (per-hour rules with their rate and ceiling). */
export function creditRuleView(e: Pick<EventRecord, 'creditRule' | 'minStayRatio'>): EventDetail['creditRule'] {
  const base = e.creditRule.base;
  return {
    kind: base.kind,
    perHour: base.kind === 'per_hour' ? base.perHour : null,
    cap: base.kind === 'per_hour' ? base.cap : null,
    minStayRatio: e.minStayRatio,
  };
}

/** The part of an event a sign-up or cancellation changes. */
export function toEventCounters(e: EventRules): EventCounters {
  return {
    id: e.id,
    status: e.status,
    capacity: e.capacity,
    seatsLeft: e.seatsLeft,
    waitlistCount: e.waitlistCount,
    waitlistEnabled: e.waitlistEnabled,
  };
}

export function toEventDetail(e: EventRecord): EventDetail {
  return {
    ...toEventSummary(e),
    description: e.description,
    checkinStartAt: e.checkinStartAt,
    checkinEndAt: e.checkinEndAt,
    checkoutEndAt: e.checkoutEndAt,
    checkoutRequired: e.checkoutRequired,
    details: e.details,
    creditRule: creditRuleView(e),
  };
}

export function toMyRegistration(r: RegistrationRecord, waitlistPosition: number | null): MyRegistration {
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? waitlistPosition : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
