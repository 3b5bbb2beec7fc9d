import type { EventSummary, MyRegistration } from '../../types/models';
import { isBefore } from './time';

/**
 * What a student sees about an event's places and what the main button offers. Display only: the server decides
 * (with its own clock) and its refusal is shown if the two disagree.
 */
export type SignupPhase = 'cancelled' | 'stopped' | 'notOpen' | 'closed' | 'open' | 'waitlist' | 'full';

/** 'stopped': the organiser closed sign-ups early (event status 'closed'); 'closed': the sign-up window is over. */
export function signupPhase(e: EventSummary, now: number): SignupPhase {
  if (e.status === 'cancelled') return 'cancelled';
  if (e.status === 'closed') return 'stopped';
  if (isBefore(now, e.signupStartAt)) return 'notOpen';
  if (!isBefore(now, e.signupEndAt)) return 'closed';
  if (e.seatsLeft > 0) return 'open';
  return e.waitlistEnabled ? 'waitlist' : 'full';
}

export type SeatsTone = 'ok' | 'low' | 'full' | 'muted';

/** "剩余 12 / 80 名额", "已满 · 候补 5 人", "报名未开始", "报名已截止", "名额已满", "活动已取消", "活动已结束". */
export function seatsText(e: EventSummary, now: number): { text: string; tone: SeatsTone } {
  // Over: what the sign-up window did no longer matters.
  if (e.status !== 'cancelled' && !isBefore(now, e.endAt)) return { text: '活动已结束', tone: 'muted' };
  switch (signupPhase(e, now)) {
    case 'cancelled':
      return { text: '活动已取消', tone: 'muted' };
    case 'stopped':
      return { text: '报名已关闭', tone: 'muted' };
    case 'notOpen':
      return { text: '报名未开始', tone: 'muted' };
    case 'closed':
      return { text: '报名已截止', tone: 'muted' };
    case 'waitlist':
      return { text: `已满 · 候补 ${e.waitlistCount} 人`, tone: 'full' };
    case 'full':
      return { text: '名额已满', tone: 'full' };
    case 'open':
      return {
        text: `剩余 ${e.seatsLeft} / ${e.capacity} 名额`,
        tone: e.seatsLeft <= Math.max(3, Math.ceil(e.capacity * 0.1)) ? 'low' : 'ok',
      };
  }
}

/** Share of seats taken, 0–100, for the progress bar. */
export function takenPercent(e: EventSummary): number {
  if (e.capacity <= 0) return 100;
  return Math.round(((e.capacity - e.seatsLeft) / e.capacity) * 100);
}

export type PrimaryAction =
  | { kind: 'signUp'; label: '立即报名' | '提交申请' | '加入候补' }
  | { kind: 'disabled'; label: string };

/**
 * The bottom button for a student without an active registration. An event whose sign-ups the organiser approves
 * (志愿者招募 with an interview) takes applications: 提交申请, not 立即报名, since no seat is taken yet.
 */
export function primaryAction(e: EventSummary, now: number): PrimaryAction {
  switch (signupPhase(e, now)) {
    case 'open':
      return { kind: 'signUp', label: e.approvalRequired ? '提交申请' : '立即报名' };
    case 'waitlist':
      return { kind: 'signUp', label: '加入候补' };
    case 'cancelled':
      return { kind: 'disabled', label: '活动已取消' };
    case 'stopped':
      return { kind: 'disabled', label: '报名已关闭' };
    case 'notOpen':
      return { kind: 'disabled', label: '报名未开始' };
    case 'closed':
      return { kind: 'disabled', label: '报名已截止' };
    case 'full':
      return { kind: 'disabled', label: '名额已满' };
  }
}

/**
 * A confirmed seat may be given up until the cancel deadline; a waitlist place or a pending application (which holds
 * no seat) until the event starts.
 */
export function mayCancel(e: EventSummary, r: Pick<MyRegistration, 'status'>, now: number): boolean {
  if (r.status === 'confirmed') return isBefore(now, e.cancelDeadlineAt);
  if (r.status === 'waitlisted' || r.status === 'pending') return isBefore(now, e.startAt);
  return false;
}

/** "已报名", "候补第 3 位" (list) */
export function registrationLabel(r: Pick<MyRegistration, 'status' | 'waitlistPosition'>): string {
  if (r.status === 'confirmed') return '已报名';
  if (r.status === 'waitlisted') return r.waitlistPosition ? `候补第 ${r.waitlistPosition} 位` : '候补中';
  if (r.status === 'pending') return '待审核';
  if (r.status === 'queued') return '确认名额中';
  return '已取消';
}

export function cancelLabel(r: Pick<MyRegistration, 'status'>): '取消报名' | '退出候补' | '撤回申请' {
  if (r.status === 'pending') return '撤回申请';
  return r.status === 'waitlisted' ? '退出候补' : '取消报名';
}

/** The toast after a successful sign-up, exactly as the plan words it. */
export function signupToast(r: Pick<MyRegistration, 'status' | 'waitlistPosition'>): string {
  if (r.status === 'waitlisted') return `已加入候补，第 ${r.waitlistPosition ?? '?'} 位`;
  if (r.status === 'pending') return '已提交申请，等待审核';
  if (r.status === 'queued') return '报名人数较多，正在按提交先后为你确认名额';
  return '报名成功';
}

/**
 * Catalogue order: the server's order (by start time), except that events already over sink to the end, so what a
 * student can still join comes first.
 */
export function orderForCatalogue<T extends EventSummary>(events: T[], now: number): T[] {
  const upcoming = events.filter((e) => isBefore(now, e.endAt));
  const over = events.filter((e) => !isBefore(now, e.endAt));
  return [...upcoming, ...over];
}
