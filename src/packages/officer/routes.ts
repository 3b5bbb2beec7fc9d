import Taro from '@tarojs/taro';

/** Check-in pages of the officer subpackage (the main package only knows the way in: ROUTES.officerCheckin). */
export const CHECKIN_ROUTES = {
  events: '/packages/officer/checkin/index',
  scan: '/packages/officer/scan/index',
  attendance: '/packages/officer/attendance/index',
  eventCode: '/packages/officer/event-code/index',
} as const;

/** 学分申诉 (officer subpackage), opened from 签到管理. */
export const APPEALS_ROUTE = '/packages/officer/appeals/index';

export function openAppeals(): void {
  void Taro.navigateTo({ url: APPEALS_ROUTE });
}

/**
 * 请假审批 (officer subpackage), opened from 签到管理, from an event's 到场名单 (that event's requests only), and from the
 * committee's 工作台 (which names the path, not this file).
 */
export const LEAVE_ROUTE = '/packages/officer/leave/index';

export function openLeave(eventId?: string): void {
  void Taro.navigateTo({ url: eventId ? `${LEAVE_ROUTE}?eventId=${encodeURIComponent(eventId)}` : LEAVE_ROUTE });
}

export type CheckinTool = Exclude<keyof typeof CHECKIN_ROUTES, 'events'>;

export function openCheckinTool(tool: CheckinTool, eventId: string): void {
  void Taro.navigateTo({ url: `${CHECKIN_ROUTES[tool]}?eventId=${encodeURIComponent(eventId)}` });
}
