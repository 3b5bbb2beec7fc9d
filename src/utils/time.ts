import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

/**
 * The one place that turns the API's UTC instants into what a student reads. Every time is shown in Asia/Shanghai,
 * whatever the phone's own time zone. China has had no daylight saving time since 1991, so when a JS engine lacks
 * the IANA data that dayjs's timezone plugin needs, a fixed UTC+8 offset gives the same wall-clock time.
 */
dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const CAMPUS_TZ = 'Asia/Shanghai';
const CAMPUS_OFFSET_MINUTES = 8 * 60;

let tzWorks: boolean | null = null;

/** An instant as campus wall-clock time. */
export function campusTime(instant: string | number | Date): Dayjs {
  const d = dayjs(instant);
  if (tzWorks !== false) {
    try {
      const local = d.tz(CAMPUS_TZ);
      tzWorks = true;
      return local.locale('zh-cn');
    } catch {
      tzWorks = false;
    }
  }
  return d.utc().utcOffset(CAMPUS_OFFSET_MINUTES).locale('zh-cn');
}

/** "3月5日 周三" */
export function formatDay(instant: string): string {
  return campusTime(instant).format('M月D日 ddd');
}

/** "3月4日 18:00" */
export function formatDateTime(instant: string): string {
  return campusTime(instant).format('M月D日 HH:mm');
}

/** "3月5日 周三 14:00–16:00", or "3月5日 周三 14:00 – 3月6日 周四 12:00" when the event spans days. */
export function formatTimeRange(startAt: string, endAt: string): string {
  const start = campusTime(startAt);
  const end = campusTime(endAt);
  if (start.isSame(end, 'day')) return `${start.format('M月D日 ddd HH:mm')}–${end.format('HH:mm')}`;
  return `${start.format('M月D日 ddd HH:mm')} – ${end.format('M月D日 ddd HH:mm')}`;
}

/** "报名截止 3月4日 18:00" */
export function formatSignupDeadline(signupEndAt: string): string {
  return `报名截止 ${formatDateTime(signupEndAt)}`;
}

/** "3月1日 08:00 – 3月4日 18:00" */
export function formatWindow(fromAt: string, toAt: string): string {
  return `${formatDateTime(fromAt)} – ${formatDateTime(toAt)}`;
}

/** Milliseconds since the epoch; the one clock the UI reads (display decisions only, the server decides). */
export function nowMs(): number {
  return Date.now();
}

export function isBefore(now: number, instant: string): boolean {
  return now < Date.parse(instant);
}
