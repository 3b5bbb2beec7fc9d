import { toEventSummary } from '../../core';
import {
  mayCancel,
  orderForCatalogue,
  primaryAction,
  registrationLabel,
  seatsText,
  signupToast,
} from '../../src/utils/event-status';
import { formatDay, formatTimeRange } from '../../src/utils/time';
import { NOW, at, makeEvent } from '../support/factories';

const now = NOW.getTime();
const summary = (overrides: Parameters<typeof makeEvent>[0] = {}) => toEventSummary(makeEvent(overrides));

describe('what a student reads about time (Asia/Shanghai)', () => {
  it('shows the Shanghai day and clock, even when the UTC day is still the previous one', () => {
    // 2026-03-04T23:30Z is 07:30 on Thursday 5 March in Shanghai.
    expect(formatDay('2026-03-04T23:30:00.000Z')).toBe('3月5日 周四');
    expect(formatTimeRange('2026-03-04T23:30:00.000Z', '2026-03-05T01:00:00.000Z')).toBe('3月5日 周四 07:30–09:00');
  });

  it('names both days when an event runs past midnight in Shanghai', () => {
    expect(formatTimeRange('2026-03-05T12:00:00.000Z', '2026-03-05T17:00:00.000Z')).toBe('3月5日 周四 20:00 – 3月6日 周五 01:00');
  });
});

describe('what a student reads about seats and the main button', () => {
  it('shows seats left out of capacity while sign-up is open', () => {
    expect(seatsText(summary({ capacity: 80, seatsLeft: 12 }), now).text).toBe('剩余 12 / 80 名额');
    expect(primaryAction(summary({ seatsLeft: 1 }), now)).toEqual({ kind: 'signUp', label: '立即报名' });
  });

  it('offers the waitlist when full, and says how many wait', () => {
    const full = summary({ seatsLeft: 0, waitlistCount: 5 });
    expect(seatsText(full, now).text).toBe('已满 · 候补 5 人');
    expect(primaryAction(full, now)).toEqual({ kind: 'signUp', label: '加入候补' });
  });

  it('disables the button with the reason outside the window, when full without waitlist, or cancelled', () => {
    expect(primaryAction(summary({ signupStartAt: at(1).toISOString() }), now).label).toBe('报名未开始');
    expect(primaryAction(summary({ signupEndAt: NOW.toISOString() }), now).label).toBe('报名已截止');
    expect(primaryAction(summary({ seatsLeft: 0, waitlistEnabled: false }), now).label).toBe('名额已满');
    expect(primaryAction(summary({ status: 'cancelled' }), now).label).toBe('活动已取消');
  });

  it('words the sign-up toast as the plan does', () => {
    expect(signupToast({ status: 'waitlisted', waitlistPosition: 3 })).toBe('已加入候补，第 3 位');
    expect(signupToast({ status: 'confirmed', waitlistPosition: null })).toBe('报名成功');
    expect(registrationLabel({ status: 'waitlisted', waitlistPosition: 2 })).toBe('候补第 2 位');
  });

  it('offers cancelling a seat only before the cancel deadline, and leaving the waitlist until the start', () => {
    const e = summary({ cancelDeadlineAt: at(-1).toISOString(), startAt: at(1).toISOString() });
    expect(mayCancel(e, { status: 'confirmed' }, now)).toBe(false);
    expect(mayCancel(e, { status: 'waitlisted' }, now)).toBe(true);
  });

  it('lists events that are over after the ones a student can still join', () => {
    const over = summary({ id: 'over', startAt: at(-3).toISOString(), endAt: at(-2).toISOString() });
    const soon = summary({ id: 'soon' });
    expect(orderForCatalogue([over, soon], now).map((e) => e.id)).toEqual(['soon', 'over']);
  });
});

describe('what a student reads about a lottery', () => {
  const lottery = (overrides: Parameters<typeof makeEvent>[0] = {}) => summary({ signupMode: 'lottery', ...overrides });

  it('offers 申请抽签 during the window whatever the seats, and the usual reason outside it', () => {
    expect(primaryAction(lottery(), now)).toEqual({ kind: 'signUp', label: '申请抽签' });
    expect(primaryAction(lottery({ seatsLeft: 0, waitlistEnabled: false }), now)).toEqual({ kind: 'signUp', label: '申请抽签' });
    expect(primaryAction(lottery({ signupStartAt: at(1).toISOString() }), now)).toMatchObject({ kind: 'disabled', label: '报名未开始' });
  });

  it('says an application waits for the draw, and lets it be withdrawn until the window closes', () => {
    const applied = { status: 'applied' as const, waitlistPosition: null };
    expect(registrationLabel(applied)).toBe('已申请抽签');
    expect(signupToast(applied)).toBe('已申请抽签，报名截止后开奖');
    expect(mayCancel(lottery(), applied, now)).toBe(true);
    expect(mayCancel(lottery(), applied, at(49).getTime())).toBe(false);
  });
});
