import { countersAfterSignup, decideSignup } from '../../core';
import { NOW, makeRegistration, makeEvent, at } from '../support/factories';

describe('sign-up rules', () => {
  it('gives a seat while seats are left', () => {
    expect(decideSignup(makeEvent({ seatsLeft: 1 }), null, NOW)).toEqual({ kind: 'confirm' });
  });

  it('puts the student on the waitlist when the event is full and has a waitlist', () => {
    expect(decideSignup(makeEvent({ seatsLeft: 0 }), null, NOW)).toEqual({ kind: 'waitlist' });
  });

  it('refuses with EVENT_FULL when the event is full and has no waitlist', () => {
    expect(decideSignup(makeEvent({ seatsLeft: 0, waitlistEnabled: false }), null, NOW)).toEqual({ kind: 'refuse', code: 'EVENT_FULL' });
  });

  it('refuses before the sign-up window opens', () => {
    const event = makeEvent({ signupStartAt: at(1).toISOString() });
    expect(decideSignup(event, null, NOW)).toEqual({ kind: 'refuse', code: 'SIGNUP_NOT_OPEN' });
  });

  it('opens exactly at the start of the window', () => {
    const event = makeEvent({ signupStartAt: NOW.toISOString() });
    expect(decideSignup(event, null, NOW).kind).toBe('confirm');
  });

  it('closes exactly at the end of the window', () => {
    const event = makeEvent({ signupEndAt: NOW.toISOString() });
    expect(decideSignup(event, null, NOW)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
  });

  it('refuses a cancelled event before anything else', () => {
    const event = makeEvent({ status: 'cancelled', signupEndAt: at(-1).toISOString() });
    expect(decideSignup(event, null, NOW)).toEqual({ kind: 'refuse', code: 'EVENT_CANCELLED' });
  });

  it('refuses a second sign-up by the same student, confirmed or waitlisted', () => {
    for (const status of ['confirmed', 'waitlisted'] as const) {
      expect(decideSignup(makeEvent(), makeRegistration({ status }), NOW)).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
    }
  });

  it('lets a student who cancelled sign up again', () => {
    expect(decideSignup(makeEvent(), makeRegistration({ status: 'cancelled' }), NOW)).toEqual({ kind: 'confirm' });
  });

  it('takes one seat for a confirmed sign-up and hands out the next waitlist ticket for a waitlisted one', () => {
    const event = makeEvent({ seatsLeft: 3, waitlistCount: 2, waitlistSeq: 7 });
    expect(countersAfterSignup(event, 'confirm')).toEqual({ seatsLeft: 2, waitlistCount: 2, waitlistSeq: 7 });
    expect(countersAfterSignup(event, 'waitlist')).toEqual({ seatsLeft: 3, waitlistCount: 3, waitlistSeq: 8 });
  });
});
