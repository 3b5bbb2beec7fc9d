/**
 * The academic term an instant falls in, reasoned in Asia/Shanghai (UTC+8 all year, no daylight saving): the first
 * term runs from August to January, the second from February to July. No-show marks count per term.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Term {
  /** `2025-2026-1`: the academic year and the term. */
  id: string;
  /** `2025–2026 学年第一学期`. */
  label: string;
}

export function termOf(instant: string | Date): Term {
  const local = new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const first = month >= 8 || month === 1;
  const startYear = month >= 8 ? year : year - 1;
  const n = first ? 1 : 2;
  return { id: `${startYear}-${startYear + 1}-${n}`, label: `${startYear}–${startYear + 1} 学年第${n === 1 ? '一' : '二'}学期` };
}

/** `2026年3月9日` (the Shanghai date of an instant), for sentences the core itself words. */
export function shanghaiDateText(instant: string): string {
  const local = new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** `09:05` (the Shanghai clock time of an instant). */
export function shanghaiClockText(instant: string): string {
  const local = new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}
