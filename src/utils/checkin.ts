import type { EventSummary } from '../../types/models';
import { campusTime } from './time';

/** The caller's attendance of one event, as getEvent's myAttendance reports it. */
export interface AttendanceTimes {
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export type AttendanceState = 'none' | 'in' | 'out';

export function attendanceState(attendance: AttendanceTimes | null | undefined): AttendanceState {
  if (attendance?.checkedOutAt) return 'out';
  if (attendance?.checkedInAt) return 'in';
  return 'none';
}

/** "未签到", "已签到 14:02", "已签退 16:30" (campus time; the day is the event's, so it is left out). */
export function attendanceText(attendance: AttendanceTimes | null | undefined): string {
  const state = attendanceState(attendance);
  if (state === 'out') return `已签退 ${campusTime(attendance!.checkedOutAt!).format('HH:mm')}`;
  if (state === 'in') return `已签到 ${campusTime(attendance!.checkedInAt!).format('HH:mm')}`;
  return '未签到';
}

/**
 * Whether the event records check-out (volunteering, training: hours from check-in to check-out). The student's
 * getEvent does not carry the event's check-in settings, so this falls back to the organiser's default by category
 * (core/checkin defaultCheckinSettings) unless a `checkoutRequired` field is present.
 */
export function recordsCheckout(event: Pick<EventSummary, 'category'> & { checkoutRequired?: boolean }): boolean {
  if (typeof event.checkoutRequired === 'boolean') return event.checkoutRequired;
  return event.category === 'volunteer' || event.category === 'firstaid';
}
