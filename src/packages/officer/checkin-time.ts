import type { CheckinEvent } from '../../../types/models';
import { campusTime } from '../../utils/time';

/** Where an event stands for its check-in staff, by the phone's clock (display only: the server decides). */
export type CheckinPhase = 'before' | 'open' | 'checkout' | 'closed' | 'cancelled';

export function checkinPhase(event: Pick<CheckinEvent, 'status' | 'checkinStartAt' | 'checkinEndAt' | 'checkoutEndAt'>, now: number): CheckinPhase {
  if (event.status === 'cancelled') return 'cancelled';
  if (now < Date.parse(event.checkinStartAt)) return 'before';
  if (now <= Date.parse(event.checkinEndAt)) return 'open';
  if (now <= Date.parse(event.checkoutEndAt)) return 'checkout';
  return 'closed';
}

export const PHASE_LABELS: Record<CheckinPhase, string> = {
  before: '未开始',
  open: '签到中',
  checkout: '可签退',
  closed: '已结束',
  cancelled: '已取消',
};

/** "14:30" */
export function clock(instant: string): string {
  return campusTime(instant).format('HH:mm');
}

/** "14:30:05" */
export function clockSeconds(instant: string | number): string {
  return campusTime(instant).format('HH:mm:ss');
}

/** "签到 13:30–16:00 · 签退至 17:00" (same day), with the date when the window spans days. */
export function checkinWindowText(event: Pick<CheckinEvent, 'checkinStartAt' | 'checkinEndAt' | 'checkoutEndAt' | 'checkoutRequired'>): string {
  const from = campusTime(event.checkinStartAt);
  const to = campusTime(event.checkinEndAt);
  const range = from.isSame(to, 'day') ? `${from.format('M月D日 HH:mm')}–${to.format('HH:mm')}` : `${from.format('M月D日 HH:mm')} – ${to.format('M月D日 HH:mm')}`;
  return event.checkoutRequired ? `签到 ${range} · 签退至 ${clock(event.checkoutEndAt)}` : `签到 ${range}`;
}

/** "2.5 小时" */
export function hoursText(hours: number): string {
  return `${hours.toFixed(1)} 小时`;
}
