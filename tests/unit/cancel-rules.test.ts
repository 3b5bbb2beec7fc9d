import { countersAfterCancel, decideCancel, firstInLine, mayPromote, placeInLine } from '../../server/domain';
import { T0, aRegistration, anEvent, hoursFrom } from '../support/factories';

describe('cancel rules', () => {
  it('lets a confirmed student cancel before the cancel deadline, freeing a seat', () => {
    expect(decideCancel(anEvent(), aRegistration(), T0)).toEqual({ kind: 'cancel', freesSeat: true });
  });

  it('refuses a confirmed cancellation at or after the cancel deadline', () => {
    const event = anEvent({ cancelDeadlineAt: T0.toISOString() });
    expect(decideCancel(event, aRegistration(), T0)).toEqual({ kind: 'refuse', code: 'CANCEL_CLOSED' });
  });

  it('lets a waitlisted student leave after the cancel deadline, until the event starts', () => {
    const event = anEvent({ cancelDeadlineAt: hoursFrom(T0, -1), startAt: hoursFrom(T0, 1) });
    const waiting = aRegistration({ status: 'waitlisted', waitlistSeq: 1 });
    expect(decideCancel(event, waiting, T0)).toEqual({ kind: 'cancel', freesSeat: false });
    expect(decideCancel(anEvent({ startAt: T0.toISOString() }), waiting, T0)).toEqual({ kind: 'refuse', code: 'CANCEL_CLOSED' });
  });

  it('refuses to cancel a registration that does not exist or is already cancelled', () => {
    expect(decideCancel(anEvent(), null, T0)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
    expect(decideCancel(anEvent(), aRegistration({ status: 'cancelled' }), T0)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
  });

  it('returns the seat to the pool when nobody is waiting', () => {
    const event = anEvent({ capacity: 10, seatsLeft: 4 });
    expect(countersAfterCancel(event, aRegistration(), false)).toEqual({ seatsLeft: 5, waitlistCount: 0 });
  });

  it('keeps the seat taken and shrinks the waitlist when the first in line is promoted', () => {
    const event = anEvent({ seatsLeft: 0, waitlistCount: 3 });
    expect(countersAfterCancel(event, aRegistration(), true)).toEqual({ seatsLeft: 0, waitlistCount: 2 });
  });

  it('shrinks the waitlist when a waitlisted student leaves, without touching seats', () => {
    const event = anEvent({ seatsLeft: 0, waitlistCount: 3 });
    const waiting = aRegistration({ status: 'waitlisted', waitlistSeq: 2 });
    expect(countersAfterCancel(event, waiting, false)).toEqual({ seatsLeft: 0, waitlistCount: 2 });
  });

  it('promotes only before the event starts and never for a cancelled event', () => {
    expect(mayPromote(anEvent(), T0)).toBe(true);
    expect(mayPromote(anEvent({ startAt: T0.toISOString() }), T0)).toBe(false);
    expect(mayPromote(anEvent({ status: 'cancelled' }), T0)).toBe(false);
  });
});

describe('waitlist order', () => {
  it('promotes the first waitlisted student: the lowest ticket, whatever the list order', () => {
    const line = [
      aRegistration({ studentNo: 'c', status: 'waitlisted', waitlistSeq: 5 }),
      aRegistration({ studentNo: 'a', status: 'waitlisted', waitlistSeq: 2 }),
      aRegistration({ studentNo: 'x', status: 'cancelled', waitlistSeq: 1 }),
      aRegistration({ studentNo: 'b', status: 'waitlisted', waitlistSeq: 3 }),
    ];
    expect(firstInLine(line)?.studentNo).toBe('a');
    expect(firstInLine([])).toBeNull();
  });

  it('counts a place as one more than the number of tickets still waiting ahead', () => {
    expect(placeInLine(5, [2, 3, 5, 9])).toBe(3);
    expect(placeInLine(2, [2, 3])).toBe(1);
  });
});
