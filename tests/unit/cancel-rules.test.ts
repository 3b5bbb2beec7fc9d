import { countersAfterCancel, decideCancel, firstInLine, mayPromote, placeInLine } from '../../core';
import { NOW, makeRegistration, makeEvent, at } from '../support/factories';

describe('cancel rules', () => {
  it('lets a confirmed student cancel before the cancel deadline, freeing a seat', () => {
    expect(decideCancel(makeEvent(), makeRegistration(), NOW)).toEqual({ kind: 'cancel', freesSeat: true });
  });

  it('refuses a confirmed cancellation at or after the cancel deadline', () => {
    const event = makeEvent({ cancelDeadlineAt: NOW.toISOString() });
    expect(decideCancel(event, makeRegistration(), NOW)).toEqual({ kind: 'refuse', code: 'CANCEL_CLOSED' });
  });

  it('lets a waitlisted student leave after the cancel deadline, until the event starts', () => {
    const event = makeEvent({ cancelDeadlineAt: at(-1).toISOString(), startAt: at(1).toISOString() });
    const waiting = makeRegistration({ status: 'waitlisted', waitlistSeq: 1 });
    expect(decideCancel(event, waiting, NOW)).toEqual({ kind: 'cancel', freesSeat: false });
    expect(decideCancel(makeEvent({ startAt: NOW.toISOString() }), waiting, NOW)).toEqual({ kind: 'refuse', code: 'CANCEL_CLOSED' });
  });

  it('lets a student withdraw a pending application until the event starts, freeing no seat', () => {
    const event = makeEvent({ approvalRequired: true, cancelDeadlineAt: at(-1).toISOString(), startAt: at(1).toISOString() });
    const pending = makeRegistration({ status: 'pending' });
    expect(decideCancel(event, pending, NOW)).toEqual({ kind: 'cancel', freesSeat: false });
    expect(decideCancel(makeEvent({ startAt: NOW.toISOString() }), pending, NOW)).toEqual({ kind: 'refuse', code: 'CANCEL_CLOSED' });
    expect(countersAfterCancel(makeEvent({ capacity: 5, seatsLeft: 2, waitlistCount: 1 }), pending, false)).toEqual({ seatsLeft: 2, waitlistCount: 1 });
  });

  it('refuses to cancel a registration that does not exist or is already cancelled', () => {
    expect(decideCancel(makeEvent(), null, NOW)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
    expect(decideCancel(makeEvent(), makeRegistration({ status: 'cancelled' }), NOW)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
  });

  it('returns the seat to the pool when nobody is waiting', () => {
    const event = makeEvent({ capacity: 10, seatsLeft: 4 });
    expect(countersAfterCancel(event, makeRegistration(), false)).toEqual({ seatsLeft: 5, waitlistCount: 0 });
  });

  it('keeps the seat taken and shrinks the waitlist when the first in line is promoted', () => {
    const event = makeEvent({ seatsLeft: 0, waitlistCount: 3 });
    expect(countersAfterCancel(event, makeRegistration(), true)).toEqual({ seatsLeft: 0, waitlistCount: 2 });
  });

  it('shrinks the waitlist when a waitlisted student leaves, without touching seats', () => {
    const event = makeEvent({ seatsLeft: 0, waitlistCount: 3 });
    const waiting = makeRegistration({ status: 'waitlisted', waitlistSeq: 2 });
    expect(countersAfterCancel(event, waiting, false)).toEqual({ seatsLeft: 0, waitlistCount: 2 });
  });

  it('promotes only before the event starts and never for a cancelled event', () => {
    expect(mayPromote(makeEvent(), NOW)).toBe(true);
    expect(mayPromote(makeEvent({ startAt: NOW.toISOString() }), NOW)).toBe(false);
    expect(mayPromote(makeEvent({ status: 'cancelled' }), NOW)).toBe(false);
  });

  it('still promotes from the waitlist of a closed event (closing stops new sign-ups, not the line)', () => {
    expect(mayPromote(makeEvent({ status: 'closed' }), NOW)).toBe(true);
    expect(mayPromote(makeEvent({ status: 'draft' }), NOW)).toBe(false);
  });
});

describe('waitlist order', () => {
  it('promotes the first waitlisted student: the lowest ticket, whatever the list order', () => {
    const line = [
      makeRegistration({ studentNo: 'c', status: 'waitlisted', waitlistSeq: 5 }),
      makeRegistration({ studentNo: 'a', status: 'waitlisted', waitlistSeq: 2 }),
      makeRegistration({ studentNo: 'x', status: 'cancelled', waitlistSeq: 1 }),
      makeRegistration({ studentNo: 'b', status: 'waitlisted', waitlistSeq: 3 }),
    ];
    expect(firstInLine(line)?.studentNo).toBe('a');
    expect(firstInLine([])).toBeNull();
  });

  it('counts a place as one more than the number of tickets still waiting ahead', () => {
    expect(placeInLine(5, [2, 3, 5, 9])).toBe(3);
    expect(placeInLine(2, [2, 3])).toBe(1);
  });
});
