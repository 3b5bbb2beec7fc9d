/**
 * Second-classroom modules (第二课堂成绩单 的六个模块). Stored as data (the credit settings row / document, with the graduation requirement) so a
 * college can rename or add modules without a release; these are only the defaults a new deployment starts with.
 * Amounts everywhere are integers in hundredths of a credit (0.25 credit = 25), so sums never drift.
 */
export interface CreditModule {
  id: string;
  name: string;
  order: number;
  active: boolean;
}

export const DEFAULT_CREDIT_MODULES: CreditModule[] = [
  { id: 'ideology', name: '思想政治与道德修养', order: 1, active: true },
  { id: 'service', name: '社会实践与志愿服务', order: 2, active: true },
  { id: 'innovation', name: '学术科技与创新创业', order: 3, active: true },
  { id: 'culture', name: '文化艺术与身心发展', order: 4, active: true },
  { id: 'organization', name: '社团活动与社会工作', order: 5, active: true },
  { id: 'skills', name: '技能培训及其他', order: 6, active: true },
];

/** The college's graduation requirement: a minimum overall and per module, in hundredths. Stored as data. */
export interface GraduationRequirement {
  overallMin: number;
  perModule: Record<string, number>;
}

export const DEFAULT_REQUIREMENT: GraduationRequirement = {
  overallMin: 1000,
  perModule: { ideology: 200, service: 200, innovation: 100, culture: 100, organization: 100, skills: 100 },
};

export function toCredits(hundredths: number): number {
  return Math.round(hundredths) / 100;
}

export function toHundredths(credits: number): number {
  return Math.round(credits * 100);
}
