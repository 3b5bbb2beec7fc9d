import {
  blockActive,
  blockFor,
  blockMessage,
  decideLeaveAnswer,
  decideLeaveRequest,
  decideSignup,
  markDue,
  newMark,
  termOf,
  DEFAULT_BLOCK_RULE,
  type NoShowMark,
} from '../../core';
import { at, makeEvent, makeLotteryEvent, makeRegistration, NOW, studentNo } from '../support/factories';
import { shanghai } from '../support/test-moment';

/** Leave (请假), no-show marks and sign-up blocks, as the event page and the timer rely on them. */
const RULE = { ...DEFAULT_BLOCK_RULE, enabled: true };

describe('the term a no-show counts in', () => {
  it('runs the first term from August to January and the second from February to July, in Shanghai', () => {
    expect(termOf(shanghai('2026-09-01 08:00')).id).toBe('2026-2027-1');
    expect(termOf(shanghai('2027-01-31 23:59')).id).toBe('2026-2027-1');
    expect(termOf(shanghai('2027-02-01 00:00')).id).toBe('2026-2027-2');
    expect(termOf(shanghai('2027-07-31 23:30')).id).toBe('2026-2027-2');
    // 00:30 on 1 August in Shanghai is the new year's first term, though still 31 July in UTC.
    expect(termOf(shanghai('2027-08-01 00:30'))).toEqual({ id: '2027-2028-1', label: '2027–2028 学年第一学期' });
  });
});

describe('asking for leave', () => {
  const event = makeEvent({ cancelDeadlineAt: at(-1).toISOString(), startAt: at(2).toISOString(), endAt: at(4).toISOString() });
  const confirmed = makeRegistration();

  it('is for a confirmed student after the cancel deadline, until a day after the event ended', () => {
    expect(decideLeaveRequest(event, confirmed, null, NOW)).toEqual({ kind: 'request' });
    expect(decideLeaveRequest(event, confirmed, null, at(27.9))).toEqual({ kind: 'request' });
    expect(decideLeaveRequest(event, confirmed, null, at(28))).toEqual({ kind: 'refuse', code: 'LEAVE_TOO_LATE' });
  });

  it('is not needed before the cancel deadline (cancelling is free then)', () => {
    expect(decideLeaveRequest({ ...event, cancelDeadlineAt: at(1).toISOString() }, confirmed, null, NOW)).toEqual({ kind: 'refuse', code: 'LEAVE_NOT_NEEDED' });
  });

  it('is refused to someone not confirmed, for a cancelled event, and while a request waits or after one was approved', () => {
    expect(decideLeaveRequest(event, makeRegistration({ status: 'waitlisted' }), null, NOW)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
    expect(decideLeaveRequest(event, null, null, NOW)).toEqual({ kind: 'refuse', code: 'NOT_SIGNED_UP' });
    expect(decideLeaveRequest({ ...event, status: 'cancelled' }, confirmed, null, NOW)).toEqual({ kind: 'refuse', code: 'EVENT_CANCELLED' });
    expect(decideLeaveRequest(event, confirmed, { status: 'pending' }, NOW)).toEqual({ kind: 'refuse', code: 'LEAVE_EXISTS' });
    expect(decideLeaveRequest(event, confirmed, { status: 'approved' }, NOW)).toEqual({ kind: 'refuse', code: 'LEAVE_EXISTS' });
  });

  it('may be asked again after a refusal', () => {
    expect(decideLeaveRequest(event, confirmed, { status: 'refused' }, NOW)).toEqual({ kind: 'request' });
  });

  it('is answered once: approved, or refused with a reason', () => {
    expect(decideLeaveAnswer({ status: 'pending' }, true, null)).toEqual({ kind: 'approve' });
    expect(decideLeaveAnswer({ status: 'pending' }, false, '证明材料不清楚')).toEqual({ kind: 'refuse_leave' });
    expect(decideLeaveAnswer({ status: 'pending' }, false, '  ')).toEqual({ kind: 'refuse', code: 'INVALID_INPUT' });
    expect(decideLeaveAnswer({ status: 'approved' }, true, null)).toEqual({ kind: 'refuse', code: 'LEAVE_DECIDED' });
    expect(decideLeaveAnswer(null, true, null)).toEqual({ kind: 'refuse', code: 'NOT_FOUND' });
  });
});

describe('no-show marks', () => {
  const ended = makeEvent({ startAt: at(-30).toISOString(), endAt: at(-28).toISOString() });
  const confirmed = makeRegistration();

  it('mark a confirmed student who did not check in, once the day for leave is over', () => {
    expect(markDue(ended, confirmed, null, null, NOW)).toBe(true);
    expect(markDue({ ...ended, endAt: at(-23).toISOString() }, confirmed, null, null, NOW)).toBe(false);
  });

  it('spare those who came, who were excused or are waiting for an answer, who were not confirmed, and cancelled events', () => {
    expect(markDue(ended, confirmed, { checkedInAt: at(-29).toISOString() }, null, NOW)).toBe(false);
    expect(markDue(ended, confirmed, null, { status: 'approved' }, NOW)).toBe(false);
    expect(markDue(ended, confirmed, null, { status: 'pending' }, NOW)).toBe(false);
    expect(markDue(ended, confirmed, null, { status: 'refused' }, NOW)).toBe(true);
    expect(markDue(ended, makeRegistration({ status: 'waitlisted' }), null, null, NOW)).toBe(false);
    expect(markDue({ ...ended, status: 'cancelled' }, confirmed, null, null, NOW)).toBe(false);
  });
});

describe('sign-up blocks', () => {
  const mark = (i: number, hoursAgo: number, overrides: Partial<NoShowMark> = {}): NoShowMark => ({
    ...newMark({ id: `e${i}`, title: `活动${i}`, startAt: NOW.toISOString() }, studentNo(1), at(-hoursAgo)),
    ...overrides,
  });

  it('block for the rule\'s days from the latest mark once a term has the rule\'s number of marks', () => {
    const term = termOf(NOW).id;
    expect(blockFor(studentNo(1), term, [mark(1, 100), mark(2, 50)], RULE, NOW)).toBeNull();
    const block = blockFor(studentNo(1), term, [mark(1, 100), mark(2, 50), mark(3, 10)], RULE, NOW)!;
    expect(block).toMatchObject({ marks: 3, until: new Date(at(-10).getTime() + 7 * 86_400_000).toISOString(), eventTitles: ['活动1', '活动2', '活动3'] });
    expect(block.reason).toContain('本学期 3 次报名后未到场且未请假');
  });

  it('name the missed events in quotation marks, a title\'s own turned to the inner ones', () => {
    const marks = [mark(1, 100), mark(2, 50, { eventTitle: '“学习二十大”主题团日' }), mark(3, 10)];
    const block = blockFor(studentNo(1), termOf(NOW).id, marks, RULE, NOW)!;
    expect(block.reason).toBe('本学期 3 次报名后未到场且未请假（“活动1”、“‘学习二十大’主题团日”、“活动3”）');
  });

  it('count neither removed marks nor marks of another term, and nothing while the rule is off', () => {
    const term = termOf(NOW).id;
    const removed = mark(3, 10, { removedAt: NOW.toISOString(), removedReason: '请假已批准' });
    expect(blockFor(studentNo(1), term, [mark(1, 100), mark(2, 50), removed], RULE, NOW)).toBeNull();
    expect(blockFor(studentNo(1), term, [mark(1, 100), mark(2, 50), mark(3, 10, { term: '2020-2021-1' })], RULE, NOW)).toBeNull();
    expect(blockFor(studentNo(1), term, [mark(1, 100), mark(2, 50), mark(3, 10)], DEFAULT_BLOCK_RULE, NOW)).toBeNull();
  });

  it('refuse a sign-up until the end date, in first-come and lottery events alike, and not after it', () => {
    const block = { until: at(24).toISOString() };
    expect(decideSignup(makeEvent(), null, NOW, undefined, block)).toEqual({ kind: 'refuse', code: 'SIGNUP_BLOCKED' });
    expect(decideSignup(makeLotteryEvent(), null, NOW, undefined, block)).toEqual({ kind: 'refuse', code: 'SIGNUP_BLOCKED' });
    expect(decideSignup(makeEvent(), null, at(24), undefined, block)).toEqual({ kind: 'confirm' });
    expect(blockActive(block, at(23.9))).toBe(true);
    expect(blockActive(block, at(24))).toBe(false);
  });

  it('rank after an existing registration and a closed window (those say more)', () => {
    const block = { until: at(24).toISOString() };
    expect(decideSignup(makeEvent(), makeRegistration(), NOW, undefined, block)).toEqual({ kind: 'refuse', code: 'ALREADY_SIGNED_UP' });
    expect(decideSignup(makeEvent({ signupEndAt: at(-1).toISOString() }), null, NOW, undefined, block)).toEqual({ kind: 'refuse', code: 'SIGNUP_CLOSED' });
  });

  it('say why and until when, in Shanghai time', () => {
    const message = blockMessage({ reason: '本学期 3 次报名后未到场且未请假（“活动1”）', until: shanghai('2026-03-09 10:00').toISOString() });
    expect(message).toContain('暂停报名至 2026年3月9日 10:00');
    expect(message).toContain('活动1');
  });
});
