import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../types/enums';

/** The catalogue's filter tabs: 全部 first, then the plan's five categories in the contract's order. */
export const CATEGORY_TABS: ReadonlyArray<{ value: Category | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  ...CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
];

export function categoryLabel(c: Category): string {
  return CATEGORY_LABELS[c];
}

/** One accent per category for the chip on event cards (kept within the warm league palette). */
export const CATEGORY_COLORS: Record<Category, { fg: string; bg: string }> = {
  lecture: { fg: '#b4232a', bg: '#fdecea' },
  volunteer: { fg: '#c2410c', bg: '#fff1e6' },
  practice: { fg: '#1d6f5f', bg: '#e6f4f1' },
  firstaid: { fg: '#b91c5c', bg: '#fdebf2' },
  theme: { fg: '#9a3412', bg: '#fef3c7' },
};
