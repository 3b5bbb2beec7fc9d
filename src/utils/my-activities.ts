import type { EventSummary, MyRegistration } from '../../types/models';
import type { AttendanceTimes } from './checkin';
import { campusTime, isBefore } from './time';

/**
 * 我的活动, split as PU口袋校园 and 到梦空间 split it: 待参加 (not started), 进行中 (started, not ended), 已结束 (ended, or
 * cancelled by the organiser). Display only: the server decides what may be done.
 */
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended';

export const PHASE_LABELS: Record<ActivityPhase, string> = { upcoming: '待参加', ongoing: '进行中', ended: '已结束' };

export function activityPhase(event: Pick<EventSummary, 'startAt' | 'endAt' | 'status'>, now: number): ActivityPhase {
  if (event.status === 'cancelled' || !isBefore(now, event.endAt)) return 'ended';
  return isBefore(now, event.startAt) ? 'upcoming' : 'ongoing';
}

/**
 * How an ended activity went for me: 已签到 (or 已签退), 缺席 (a seat, no check-in), 未获名额 (still waiting when it
 * ended), 未通过审核 (an application never approved), 活动已取消 (the organiser cancelled it).
 */
export type ActivityOutcome = 'attended' | 'absent' | 'noSeat' | 'notApproved' | 'cancelled';

export const OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  attended: '已签到',
  absent: '缺席',
  noSeat: '未获名额',
  notApproved: '未通过审核',
  cancelled: '活动已取消',
};

export function activityOutcome(
  event: Pick<EventSummary, 'status'>,
  registration: Pick<MyRegistration, 'status'>,
  attendance: AttendanceTimes | null,
): ActivityOutcome {
  if (event.status === 'cancelled') return 'cancelled';
  if (attendance?.checkedInAt) return 'attended';
  if (registration.status === 'waitlisted' || registration.status === 'queued') return 'noSeat';
  if (registration.status === 'pending') return 'notApproved';
  return 'absent';
}

/** The pass card (签到码) shows from this long before the start: early enough to find it, not days before. */
export const PASS_OPENS_BEFORE_START_MS = 30 * 60_000;
/** How long after the end it stays (check-out stays open after the end). */
const PASS_OFFERED_AFTER_END_MS = 12 * 3600_000;

/** The event page offers 签到码 / 扫码签到 from 30 minutes before the start until 12 hours after the end. */
export function passOffered(event: Pick<EventSummary, 'status' | 'startAt' | 'endAt'>, now: number): boolean {
  if (event.status === 'cancelled') return false;
  return now >= Date.parse(event.startAt) - PASS_OPENS_BEFORE_START_MS && now <= Date.parse(event.endAt) + PASS_OFFERED_AFTER_END_MS;
}

/** When the pass card opens, for the line that says so before then ("今天 13:30 起可出示签到码"). */
export function passOpensText(event: Pick<EventSummary, 'startAt'>, now: number): string {
  const opens = campusTime(Date.parse(event.startAt) - PASS_OPENS_BEFORE_START_MS);
  const today = campusTime(now);
  const day = opens.isSame(today, 'day') ? '今天' : opens.isSame(today.add(1, 'day'), 'day') ? '明天' : opens.format('M月D日');
  return `${day} ${opens.format('HH:mm')} 起可出示签到码`;
}

/** An event of mine happening today (campus day) that has not ended: 我的活动 puts 签到码 on its card. */
export function isToday(event: Pick<EventSummary, 'startAt' | 'endAt'>, now: number): boolean {
  return campusTime(event.startAt).isSame(campusTime(now), 'day') && isBefore(now, event.endAt);
}

/** Rows in the order a student reads them: 待参加 and 进行中 soonest first, 已结束 latest first. */
export function orderForPhase<T extends { event: Pick<EventSummary, 'startAt'> }>(rows: T[], phase: ActivityPhase): T[] {
  const sorted = [...rows].sort((a, b) => a.event.startAt.localeCompare(b.event.startAt));
  return phase === 'ended' ? sorted.reverse() : sorted;
}

/** Catalogue: whether the event is over for a student browsing (ended, or cancelled and past its start). */
export function isOver(event: Pick<EventSummary, 'endAt'>, now: number): boolean {
  return !isBefore(now, event.endAt);
}

/** The catalogue card's note when the event is under way. */
export function isUnderWay(event: Pick<EventSummary, 'startAt' | 'endAt' | 'status'>, now: number): boolean {
  return event.status !== 'cancelled' && !isBefore(now, event.startAt) && isBefore(now, event.endAt);
}
