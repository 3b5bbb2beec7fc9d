import Taro from '@tarojs/taro';

/** Check-in pages of the officer subpackage (the main package only knows the way in: ROUTES.officerCheckin). */
export const CHECKIN_ROUTES = {
  events: '/packages/officer/checkin/index',
  scan: '/packages/officer/scan/index',
  attendance: '/packages/officer/attendance/index',
  eventCode: '/packages/officer/event-code/index',
} as const;

export type CheckinTool = Exclude<keyof typeof CHECKIN_ROUTES, 'events'>;

export function openCheckinTool(tool: CheckinTool, eventId: string): void {
  void Taro.navigateTo({ url: `${CHECKIN_ROUTES[tool]}?eventId=${encodeURIComponent(eventId)}` });
}
