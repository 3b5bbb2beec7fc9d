/**
 * Credits as the committee types them on 模块与毕业要求 ("2", "2.5", "0.25"), and shares of students. The API
 * carries hundredths (250 = 2.5 学分); showing them is src/utils/credits.ts's job.
 */

/**
 * What a person typed as credits, in hundredths; null when it is not an amount: empty, negative, more than two
 * decimals, or above `max` credits. Full-width digits and 。/． from a Chinese keyboard are accepted.
 */
export function parseCredits(text: string, max = 1000): number | null {
  const t = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.');
  const m = /^(\d{1,6})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return value <= max * 100 ? value : null;
}

/** A share as a whole percentage: 37 of 120 → 31 (0 when there is nobody). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
