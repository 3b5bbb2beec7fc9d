/**
 * The committee's yearly targets and monthly schedule, from its plan (../shared/seed): stored as data so next year's
 * plan is an edit, not a release. These are the defaults a deployment starts with.
 */
export type TargetMetric =
  /** Attendances of first-aid training (人次). */
  | 'firstaid_trainees'
  /** Volunteer sign-ups (confirmed registrations of volunteering events, 人次). */
  | 'volunteer_signups'
  /** Theme-education participations (attendances, 人次). */
  | 'theme_participations'
  /** Share of students in social practice (distinct students with a confirmed practice registration / all students). */
  | 'practice_share';

export interface YearlyTarget {
  metric: TargetMetric;
  label: string;
  /** '>=' "at least", '>' "over". */
  comparator: '>=' | '>';
  value: number;
  unit: '人次' | '%';
}

export const DEFAULT_TARGETS: YearlyTarget[] = [
  { metric: 'firstaid_trainees', label: '应急救护培训', comparator: '>=', value: 2500, unit: '人次' },
  { metric: 'volunteer_signups', label: '学雷锋志愿服务报名', comparator: '>', value: 6500, unit: '人次' },
  { metric: 'theme_participations', label: '主题教育参与', comparator: '>', value: 50000, unit: '人次' },
  { metric: 'practice_share', label: '学生参与社会实践比例', comparator: '>=', value: 50, unit: '%' },
];

export interface TargetProgress extends YearlyTarget {
  actual: number;
  met: boolean;
  /** actual / value, 0–1+ (for the bar). */
  ratio: number;
}

export function evaluateTargets(targets: readonly YearlyTarget[], figures: Record<TargetMetric, number>): TargetProgress[] {
  return targets.map((t) => {
    const actual = figures[t.metric] ?? 0;
    const met = t.comparator === '>=' ? actual >= t.value : actual > t.value;
    return { ...t, actual, met, ratio: t.value > 0 ? actual / t.value : 1 };
  });
}

/** One line of the plan's monthly schedule (工作纲要): the month(s) and what is due, tagged by kind where it maps. */
export interface PlanItem {
  /** 1–12; an item spanning months (7-8月) lists each. */
  months: number[];
  text: string;
  category: 'lecture' | 'volunteer' | 'practice' | 'firstaid' | 'theme' | null;
}

export const DEFAULT_PLAN_ITEMS: PlanItem[] = [
  { months: [2], text: '启动红十字会应急救护员培训工作（培训人数不少于 2500 人次）', category: 'firstaid' },
  { months: [3], text: '开展“学习二十大、永远跟党走、奋进新征程”主题教育活动（参与人数超过 50000 人次）', category: 'theme' },
  { months: [3], text: '举办“学雷锋志愿服务活动”（参与人数超过 6500 人次）', category: 'volunteer' },
  { months: [3], text: '启动“百生讲坛”系列活动', category: 'lecture' },
  { months: [5], text: '做好志愿服务西部计划宣传以及志愿者招募、选拔工作', category: 'volunteer' },
  { months: [6], text: '启动“暑期三下乡社会实践活动”“返家乡”社会实践活动', category: 'practice' },
  { months: [7, 8], text: '组织策划校级暑期社会实践队活动、指导院级暑期社会实践队活动', category: 'practice' },
  { months: [9], text: '开展新一级青年志愿者招募、培训工作', category: 'volunteer' },
  { months: [9], text: '总结暑期社会实践活动，推选参与上级评选', category: 'practice' },
  { months: [10], text: '普及新生、持续推进老生第二课堂相关工作', category: null },
  { months: [11, 12], text: '组织开展校院二级团校培训班', category: 'theme' },
];

/** Which plan items fall in a month (1–12). */
export function planItemsOf(month: number, items: readonly PlanItem[] = DEFAULT_PLAN_ITEMS): PlanItem[] {
  return items.filter((i) => i.months.includes(month));
}

/** The plan as stored: targets and the monthly schedule. */
export interface PlanSettings {
  targets: YearlyTarget[];
  planItems: PlanItem[];
}

/**
 * A college's share of a school-wide target: counts (人次) in proportion to its students on the roster, rounded up;
 * shares (%) stay as they are (a college is asked for the same share of its own students).
 */
export function collegeShareOf(target: YearlyTarget, collegeStudents: number, schoolStudents: number): YearlyTarget {
  if (target.unit === '%' || schoolStudents <= 0) return { ...target };
  return { ...target, value: Math.ceil((target.value * collegeStudents) / schoolStudents) };
}

/**
 * What a yearly target expects by the end of a Shanghai month (1–12) of its year, pro rata by month: a year already
 * past expects all of it, one not begun nothing. Shares (%) accrue the same way (practice mostly happens in summer,
 * so early in the year the mark is a reminder, not a verdict).
 */
export function expectedByMonth(value: number, year: number, nowYear: number, nowMonth: number): number {
  if (year < nowYear) return value;
  if (year > nowYear) return 0;
  return Math.round(((value * nowMonth) / 12) * 10) / 10;
}
