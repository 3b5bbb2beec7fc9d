import { countersAfterSignup, decideSignup, needsAudienceFacts, signupWindowRefusal } from '../../core';
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

describe('sign-up rules: who may sign up (the audience), ranked with the others', () => {
  const medical = makeEvent({ audience: { colleges: ['医学院'], grades: ['2024级'], leagueMembersOnly: true } });
  const nurse = { college: '医学院', grade: '2024级', isLeagueMember: true };

  it('admits a student the audience names, and refuses by college, then grade, then league membership', () => {
    expect(decideSignup(medical, null, NOW, nurse)).toEqual({ kind: 'confirm' });
    expect(decideSignup(medical, null, NOW, { ...nurse, college: '信息技术学院' })).toEqual({ kind: 'refuse', code: 'AUDIENCE_COLLEGE' });
    expect(decideSignup(medical, null, NOW, { ...nurse, grade: '2023级' })).toEqual({ kind: 'refuse', code: 'AUDIENCE_GRADE' });
    expect(decideSignup(medical, null, NOW, { ...nurse, isLeagueMember: false })).toEqual({ kind: 'refuse', code: 'AUDIENCE_LEAGUE_ONLY' });
  });

  it('refuses a student missing from the roster as outside the audience', () => {
    expect(decideSignup(medical, null, NOW, null)).toEqual({ kind: 'refuse', code: 'AUDIENCE_COLLEGE' });
  });

  it('ranks a registration already held and a closed window above the audience, and the audience above a full event', () => {
    const outsider = { ...nurse, college: '信息技术学院' };
    expect(decideSignup(medical, makeRegistration({ status: 'confirmed' }), NOW, outsider)).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
    expect(decideSignup({ ...medical, signupEndAt: at(-1).toISOString() }, null, NOW, outsider)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
    expect(decideSignup({ ...medical, seatsLeft: 0, waitlistEnabled: false }, null, NOW, outsider)).toEqual({ kind: 'refuse', code: 'AUDIENCE_COLLEGE' });
  });

  it('needs no facts about the student for an event open to everyone, and insists on them otherwise', () => {
    expect(needsAudienceFacts(makeEvent())).toBe(false);
    expect(decideSignup(makeEvent(), null, NOW)).toEqual({ kind: 'confirm' });
    expect(needsAudienceFacts(medical)).toBe(true);
    expect(() => decideSignup(medical, null, NOW)).toThrow(/audience/);
  });

  it('judges the window alone for a team signing up as one unit, seats aside', () => {
    expect(signupWindowRefusal(makeEvent({ seatsLeft: 0 }), NOW)).toBeNull();
    expect(signupWindowRefusal(makeEvent({ status: 'closed' }), NOW)).toBe('SIGNUP_CLOSED');
    expect(signupWindowRefusal(makeEvent({ signupStartAt: at(1).toISOString() }), NOW)).toBe('SIGNUP_NOT_OPEN');
    expect(signupWindowRefusal(makeEvent({ status: 'cancelled' }), NOW)).toBe('EVENT_CANCELLED');
  });
});
