import {
  compareArrival,
  decideIntake,
  inRushWindow,
  placedPositionIfFresh,
  placeQueued,
  PLACED_POSITION_FRESH_MS,
  RUSH_WINDOW_MS,
  type QueuedSignup,
} from '../../core';
import { NOW, at, makeEvent, makeRegistration } from '../support/factories';

const opened = makeEvent({ signupStartAt: NOW.toISOString(), signupEndAt: at(86_400_000).toISOString() });
const queued = (k: number, queuedAt = at(1000 + k).toISOString()): QueuedSignup => ({ registrationId: `ev-1:s${k}`, studentNo: `s${k}`, queuedAt });

describe('the sign-up queue (a rush on CloudBase): the rules', () => {
  it('counts the first ten minutes after sign-up opens as the rush window, and not a moment before or after', () => {
    expect(inRushWindow(opened, new Date(NOW.getTime() - 1))).toBe(false);
    expect(inRushWindow(opened, NOW)).toBe(true);
    expect(inRushWindow(opened, new Date(NOW.getTime() + RUSH_WINDOW_MS - 1))).toBe(true);
    expect(inRushWindow(opened, new Date(NOW.getTime() + RUSH_WINDOW_MS))).toBe(false);
  });

  it('queues a sign-up at the door whatever the seats (the drainer judges them), but refuses what the door can judge', () => {
    const full = { ...opened, seatsLeft: 0, waitlistEnabled: false };
    expect(decideIntake(full, null, at(1000))).toEqual({ kind: 'queue' });
    expect(decideIntake({ ...opened, status: 'cancelled' }, null, at(1000))).toEqual({ kind: 'refuse', code: 'EVENT_CANCELLED' });
    expect(decideIntake(opened, null, new Date(NOW.getTime() - 1))).toMatchObject({ kind: 'refuse' });
    expect(decideIntake({ ...opened, approvalRequired: true }, null, at(1000))).toEqual({ kind: 'pending' });
  });

  it('refuses a second sign-up of a student already queued or placed with ALREADY_SIGNED_UP', () => {
    for (const status of ['queued', 'confirmed', 'waitlisted'] as const) {
      expect(decideIntake(opened, makeRegistration({ status }), at(1000))).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
    }
  });

  it('orders arrivals by when they arrived, then by registration id, so every drainer agrees', () => {
    const a = queued(1, at(5).toISOString());
    const b = { ...queued(2, at(5).toISOString()) };
    const c = queued(3, at(4).toISOString());
    expect([a, b, c].sort(compareArrival).map((q) => q.studentNo)).toEqual(['s3', 's1', 's2']);
  });

  it('gives seats in arrival order while they last, then tickets in the same order with their places, whatever order the batch came in', () => {
    const event = { ...opened, capacity: 2, seatsLeft: 2, waitlistCount: 0, waitlistSeq: 0 };
    const { placements, counters } = placeQueued(event, [queued(4), queued(2), queued(1), queued(3)]);
    expect(placements.map((p) => [p.studentNo, p.status, p.waitlistSeq, p.position])).toEqual([
      ['s1', 'confirmed', null, null],
      ['s2', 'confirmed', null, null],
      ['s3', 'waitlisted', 1, 1],
      ['s4', 'waitlisted', 2, 2],
    ]);
    expect(counters).toEqual({ seatsLeft: 0, waitlistCount: 2, waitlistSeq: 2 });
  });

  it('continues the line after those already waiting, and refuses with EVENT_FULL when there is no waitlist', () => {
    const waiting = { ...opened, seatsLeft: 0, waitlistCount: 3, waitlistSeq: 7 };
    expect(placeQueued(waiting, [queued(1)]).placements[0]).toMatchObject({ status: 'waitlisted', waitlistSeq: 8, position: 4 });
    const noLine = { ...opened, seatsLeft: 0, waitlistEnabled: false };
    expect(placeQueued(noLine, [queued(1)]).placements[0]).toMatchObject({ status: 'cancelled', refusal: 'EVENT_FULL' });
  });

  it('places nobody on an event cancelled or closed since they queued, and says why', () => {
    expect(placeQueued({ ...opened, status: 'cancelled' }, [queued(1)]).placements[0]).toMatchObject({ status: 'cancelled', refusal: 'EVENT_CANCELLED' });
    expect(placeQueued({ ...opened, status: 'closed' }, [queued(1)]).placements[0]).toMatchObject({ status: 'cancelled', refusal: 'SIGNUP_CLOSED' });
    expect(placeQueued({ ...opened, status: 'cancelled' }, [queued(1)]).counters).toMatchObject({ seatsLeft: opened.seatsLeft });
  });
});

describe('the place in line a queued sign-up was given, answered as placed', () => {
  const placedAt = at(2000).toISOString();
  const placed = makeRegistration({ status: 'waitlisted', waitlistSeq: 5, updatedAt: placedAt, placed: { position: 4, at: placedAt } });

  it('is answered as placed for ten seconds after the placement', () => {
    expect(placedPositionIfFresh(placed, new Date(Date.parse(placedAt)))).toBe(4);
    expect(placedPositionIfFresh(placed, new Date(Date.parse(placedAt) + PLACED_POSITION_FRESH_MS))).toBe(4);
  });

  it('is counted again afterwards', () => {
    expect(placedPositionIfFresh(placed, new Date(Date.parse(placedAt) + PLACED_POSITION_FRESH_MS + 1))).toBeNull();
  });

  it('is counted again once anything changed the registration since (the placement is no longer its latest change)', () => {
    expect(placedPositionIfFresh({ ...placed, updatedAt: at(2500).toISOString() }, at(2600))).toBeNull();
  });

  it('means nothing for a registration no longer waiting, or never placed by the queue', () => {
    expect(placedPositionIfFresh({ ...placed, status: 'confirmed' }, at(2100))).toBeNull();
    expect(placedPositionIfFresh({ ...placed, placed: undefined }, at(2100))).toBeNull();
  });
});
