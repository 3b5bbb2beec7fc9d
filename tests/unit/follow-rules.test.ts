import { alertsDue, isFollowTopic, topicsOfEvent, FOLLOW_TOPICS } from '../../core';
import { at, makeEvent, NOW } from '../support/factories';

/** Following kinds of events (关注) and when their alerts go out. */
describe('following kinds of events', () => {
  it('matches an event to its category and to its category\'s track', () => {
    expect(topicsOfEvent({ category: 'lecture', tag: '主讲人赛道' })).toEqual(['lecture', 'lecture:主讲人赛道']);
    expect(topicsOfEvent({ category: 'volunteer', tag: '学雷锋' })).toEqual(['volunteer']);
    expect(topicsOfEvent({ category: 'lecture', tag: '其他' })).toEqual(['lecture']);
  });

  it('knows only the topics it offers', () => {
    expect(FOLLOW_TOPICS.every((t) => isFollowTopic(t.id))).toBe(true);
    expect(isFollowTopic('lecture:不存在')).toBe(false);
  });

  it('alerts when a published event opened for sign-up within the last day and is still open', () => {
    expect(alertsDue(makeEvent({ signupStartAt: at(-1).toISOString() }), NOW)).toBe(true);
    expect(alertsDue(makeEvent({ signupStartAt: at(1).toISOString() }), NOW)).toBe(false);
    expect(alertsDue(makeEvent({ signupStartAt: at(-25).toISOString() }), NOW)).toBe(false);
    expect(alertsDue(makeEvent({ signupStartAt: at(-1).toISOString(), status: 'draft' }), NOW)).toBe(false);
    expect(alertsDue(makeEvent({ signupStartAt: at(-2).toISOString(), signupEndAt: at(-1).toISOString() }), NOW)).toBe(false);
  });
});
