import { countersAfterSignup, decideSignup } from '../../server/domain';
import { T0, aRegistration, anEvent, hoursFrom } from '../support/factories';

describe('sign-up rules', () => {
  it('gives a seat while seats are left', () => {
    expect(decideSignup(anEvent({ seatsLeft: 1 }), null, T0)).toEqual({ kind: 'confirm' });
  });

  it('puts the student on the waitlist when the event is full and has a waitlist', () => {
    expect(decideSignup(anEvent({ seatsLeft: 0 }), null, T0)).toEqual({ kind: 'waitlist' });
  });

  it('refuses with EVENT_FULL when the event is full and has no waitlist', () => {
    expect(decideSignup(anEvent({ seatsLeft: 0, waitlistEnabled: false }), null, T0)).toEqual({ kind: 'refuse', code: 'EVENT_FULL' });
  });

  it('refuses before the sign-up window opens', () => {
    const event = anEvent({ signupStartAt: hoursFrom(T0, 1) });
    expect(decideSignup(event, null, T0)).toEqual({ kind: 'refuse', code: 'SIGNUP_NOT_OPEN' });
  });

  it('opens exactly at the start of the window', () => {
    const event = anEvent({ signupStartAt: T0.toISOString() });
    expect(decideSignup(event, null, T0).kind).toBe('confirm');
  });

  it('closes exactly at the end of the window', () => {
    const event = anEvent({ signupEndAt: T0.toISOString() });
    expect(decideSignup(event, null, T0)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
  });

  it('refuses a cancelled event before anything else', () => {
    const event = anEvent({ status: 'cancelled', signupEndAt: hoursFrom(T0, -1) });
    expect(decideSignup(event, null, T0)).toEqual({ kind: 'refuse', code: 'EVENT_CANCELLED' });
  });

  it('refuses a second sign-up by the same student, confirmed or waitlisted', () => {
    for (const status of ['confirmed', 'waitlisted'] as const) {
      expect(decideSignup(anEvent(), aRegistration({ status }), T0)).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
    }
  });

  it('lets a student who cancelled sign up again', () => {
    expect(decideSignup(anEvent(), aRegistration({ status: 'cancelled' }), T0)).toEqual({ kind: 'confirm' });
  });

  it('takes one seat for a confirmed sign-up and hands out the next waitlist ticket for a waitlisted one', () => {
    const event = anEvent({ seatsLeft: 3, waitlistCount: 2, waitlistSeq: 7 });
    expect(countersAfterSignup(event, 'confirm')).toEqual({ seatsLeft: 2, waitlistCount: 2, waitlistSeq: 7 });
    expect(countersAfterSignup(event, 'waitlist')).toEqual({ seatsLeft: 3, waitlistCount: 3, waitlistSeq: 8 });
  });
});
