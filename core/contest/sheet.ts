import type { ContestRefusal, Criterion } from './records';

/**
 * The scoring sheet, stored as data on the round: criteria with weights that add up to 100 and the points each is
 * marked out of. A judge's total is Σ weight × mark / max, out of 100 points, kept in hundredths of a point.
 */

/** Why a sheet cannot be used (for INVALID_INPUT), or null. */
export function sheetProblem(sheet: readonly Criterion[]): string | null {
  if (!sheet.length) return '评分表至少要有一项';
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const c of sheet) {
    if (ids.has(c.id)) return `评分项编号“${c.id}”重复了`;
    if (names.has(c.name)) return `评分项“${c.name}”重复了`;
    ids.add(c.id);
    names.add(c.name);
  }
  const weights = sheet.reduce((sum, c) => sum + c.weight, 0);
  if (weights !== 100) return `各评分项的权重合计应为 100，现在是 ${weights}`;
  return null;
}

/** Marks step by half a point. */
const STEP = 0.5;

/**
 * A judge's marks against the sheet: every criterion marked, nothing else, each from 0 to its max in steps of 0.5.
 * The refusal names the criterion and its range.
 */
export function marksRefusal(sheet: readonly Criterion[], marks: Readonly<Record<string, number>>): ContestRefusal | null {
  const known = new Set(sheet.map((c) => c.id));
  const extra = Object.keys(marks).find((id) => !known.has(id));
  if (extra !== undefined) return { code: 'SCORE_OUT_OF_RANGE', message: `评分表中没有“${extra}”这一项，请刷新后重新打分` };
  for (const c of sheet) {
    const mark = Object.prototype.hasOwnProperty.call(marks, c.id) ? marks[c.id] : undefined;
    if (mark === undefined) return { code: 'SCORE_OUT_OF_RANGE', message: `请为“${c.name}”打分（0–${c.max} 分）` };
    if (!Number.isFinite(mark) || mark < 0 || mark > c.max) {
      return { code: 'SCORE_OUT_OF_RANGE', message: `“${c.name}”的分数应在 0–${c.max} 分之间，收到 ${mark} 分` };
    }
    if (Math.abs(mark / STEP - Math.round(mark / STEP)) > 1e-9) {
      return { code: 'SCORE_OUT_OF_RANGE', message: `“${c.name}”的分数请按 0.5 分一档打（收到 ${mark} 分）` };
    }
  }
  return null;
}

/** The weighted total of valid marks, in hundredths of a point (0–10,000). */
export function weightedTotal(sheet: readonly Criterion[], marks: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const c of sheet) total += (c.weight * (marks[c.id] ?? 0) * 100) / c.max;
  return Math.round(total);
}

/** The criterion that breaks ties: the highest weight, the first on the sheet among equals. */
export function tieCriterion(sheet: readonly Criterion[]): Criterion | null {
  let best: Criterion | null = null;
  for (const c of sheet) if (!best || c.weight > best.weight) best = c;
  return best;
}

/** Points written for people: 86.5, 90. */
export function formatPoints(hundredths: number): string {
  return String(Math.round(hundredths) / 100);
}

/** The sheet the committee's plan suggests for a talk: content, delivery, effect. */
export const DEFAULT_SHEET: Criterion[] = [
  { id: 'content', name: '内容与思想性', weight: 40, max: 100 },
  { id: 'delivery', name: '表达与台风', weight: 30, max: 100 },
  { id: 'design', name: '课件与形式', weight: 20, max: 100 },
  { id: 'effect', name: '现场效果', weight: 10, max: 100 },
];
