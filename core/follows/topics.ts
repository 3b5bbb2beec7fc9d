import type { Category } from '../../types';
import type { EventRecord } from '../records';

/**
 * Following kinds of events (关注): a student picks topics — a whole category, or a track of 百生讲坛 — and hears by
 * subscribe message when a matching event opens for sign-up. WeChat lets a mini program send a one-time subscribe
 * message only after the student allowed it, and each allow is good for one message: consent is asked at the
 * follow tap (and again whenever the student wants the next alert), one message per consent.
 */
export interface FollowTopic {
  id: string;
  label: string;
  category: Category;
  /** The event tag this topic narrows to, or null for the whole category. */
  tag: string | null;
}

export const FOLLOW_TOPICS: readonly FollowTopic[] = [
  { id: 'lecture', label: '百生讲坛（全部赛道）', category: 'lecture', tag: null },
  { id: 'lecture:团支部赛道', label: '百生讲坛 · 团支部赛道', category: 'lecture', tag: '团支部赛道' },
  { id: 'lecture:主讲人赛道', label: '百生讲坛 · 主讲人赛道', category: 'lecture', tag: '主讲人赛道' },
  { id: 'lecture:微团课赛道', label: '百生讲坛 · 微团课赛道', category: 'lecture', tag: '微团课赛道' },
  { id: 'volunteer', label: '志愿服务', category: 'volunteer', tag: null },
  { id: 'practice', label: '社会实践', category: 'practice', tag: null },
  { id: 'firstaid', label: '应急救护', category: 'firstaid', tag: null },
  { id: 'theme', label: '主题教育', category: 'theme', tag: null },
];

export const FOLLOW_TOPIC_IDS = FOLLOW_TOPICS.map((t) => t.id);

export function isFollowTopic(id: string): boolean {
  return FOLLOW_TOPIC_IDS.includes(id);
}

/** The topics an event matches: its category, and its category's track when there is a topic for it. */
export function topicsOfEvent(event: Pick<EventRecord, 'category' | 'tag'>): string[] {
  return FOLLOW_TOPICS.filter((t) => t.category === event.category && (t.tag === null || t.tag === event.tag)).map((t) => t.id);
}

/** How long after sign-up opened an alert is still worth sending (the timer looks back this far). */
export const ALERT_LOOK_BACK_MS = 24 * 3_600_000;

/** Whether an event's alerts are due at `now`: published, sign-up opened within the look-back, not yet closed. */
export function alertsDue(event: Pick<EventRecord, 'status' | 'signupStartAt' | 'signupEndAt'>, now: Date): boolean {
  const opened = Date.parse(event.signupStartAt);
  const t = now.getTime();
  return event.status === 'published' && opened <= t && t - opened <= ALERT_LOOK_BACK_MS && t < Date.parse(event.signupEndAt);
}
