/**
 * Campus wall-clock time (Asia/Shanghai) for files the server writes. China has had no daylight saving time since
 * 1991, so a fixed UTC+8 offset gives what src/utils/time.ts shows in the app, without shipping dayjs in the function.
 */
const OFFSET_MS = 8 * 3_600_000;

function parts(instant: string | Date) {
  const d = new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    y: String(d.getUTCFullYear()),
    mo: two(d.getUTCMonth() + 1),
    d: two(d.getUTCDate()),
    h: two(d.getUTCHours()),
    mi: two(d.getUTCMinutes()),
  };
}

/** "2026-03-05 14:07" */
export function campusDateTime(instant: string | Date): string {
  const p = parts(instant);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}`;
}

/** "14:07" */
export function campusClock(instant: string | Date): string {
  const p = parts(instant);
  return `${p.h}:${p.mi}`;
}

/** "20260305" */
export function campusDayStamp(instant: string | Date): string {
  const p = parts(instant);
  return `${p.y}${p.mo}${p.d}`;
}

/** "2026-03-05": the Shanghai calendar day. */
export function campusDate(instant: string | Date): string {
  const p = parts(instant);
  return `${p.y}-${p.mo}-${p.d}`;
}

/** The Shanghai year and month (1–12) of an instant. */
export function campusYearMonth(instant: string | Date): { year: number; month: number } {
  const p = parts(instant);
  return { year: Number(p.y), month: Number(p.mo) };
}
