import { ApiError, CATEGORIES, type ActionOutput, type ActionParsedInput, type Category } from '../../../types';
import { collegeShareOf, evaluateTargets, expectedByMonth, planItemsOf, type PlanSettings, type TargetMetric } from '../../../core';
import type { DashboardAggregates } from '../../storage/ports';
import { lecturerStanding } from '../contest/lecturers';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';

/** China has had no daylight saving time since 1991: a Shanghai year is a fixed UTC+8 offset away. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** [Jan 1 00:00, next Jan 1 00:00) of a year, Shanghai time, as instants. */
export function shanghaiYearRange(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS),
  };
}

/**
 * Which college the caller may see: the committee any college or the whole school (null); a college officer only
 * their own (by default the first they hold), FORBIDDEN for another.
 */
async function dashboardScope(ctx: HandlerContext, requested: string | undefined): Promise<string | null> {
  const roles = await callerRoles(ctx);
  const wanted = requested?.trim() || undefined;
  if (roles.some((g) => g.role === 'committee_admin')) return wanted ?? null;
  const mine = roles.filter((g) => g.role === 'college_officer').map((g) => g.scope);
  if (!mine.length) throw new ApiError('FORBIDDEN');
  if (wanted && !mine.includes(wanted)) throw new ApiError('FORBIDDEN', '只能查看本学院的年度看板');
  return wanted ?? mine[0];
}

type Counts = Record<Category, number>;
const zeroCounts = (): Counts => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Counts;

/** The plan's four figures from the aggregates (the target metrics of core/plan). */
export function targetFigures(agg: DashboardAggregates): Record<TargetMetric, number> {
  const sum = (category: Category, field: 'registrations' | 'attendances') =>
    agg.byCategoryMonth.filter((r) => r.category === category).reduce((n, r) => n + r[field], 0);
  return {
    firstaid_trainees: sum('firstaid', 'attendances'),
    volunteer_signups: sum('volunteer', 'registrations'),
    theme_participations: sum('theme', 'attendances'),
    practice_share: agg.students > 0 ? Math.round((agg.practiceStudents / agg.students) * 1000) / 10 : 0,
  };
}

/** 年度看板: the plan's targets, the months against the plan's schedule, colleges and branches, the lecturer team. */
export async function getDashboard(input: ActionParsedInput<'getDashboard'>, ctx: HandlerContext): Promise<ActionOutput<'getDashboard'>> {
  const now = ctx.now();
  const college = await dashboardScope(ctx, input.college);
  const year = input.year ?? shanghaiYear(now);
  const { from, to } = shanghaiYearRange(year);
  // The lecturer team is the school's: shown on the whole-school view (the committee's) only.
  const [agg, plan, directory, lecturers] = await Promise.all([
    ctx.storage.dashboardAggregates(from, to, college),
    ctx.storage.planSettings(),
    college ? ctx.storage.branchDirectory() : Promise.resolve(null),
    college ? Promise.resolve(null) : lecturerStanding(ctx, year),
  ]);
  // A college is measured against its share of the school's targets (by its students on the roster).
  const schoolStudents = directory ? directory.reduce((n, r) => n + r.students, 0) : agg.students;
  const shanghaiNow = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const targets = plan.targets.map((t) => (college ? collegeShareOf(t, agg.students, schoolStudents) : t));

  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    registrations: zeroCounts(),
    attendances: zeroCounts(),
    events: 0,
    eventsByCategory: zeroCounts(),
  }));
  for (const row of agg.byCategoryMonth) {
    const m = months[row.month - 1];
    if (!m) continue;
    m.registrations[row.category] += row.registrations;
    m.attendances[row.category] += row.attendances;
    m.events += row.events;
    m.eventsByCategory[row.category] += row.events;
  }

  return {
    year,
    students: agg.students,
    targets: evaluateTargets(targets, targetFigures(agg)).map((t, i) => ({
      ...t,
      scope: college ? ('college_share' as const) : ('school' as const),
      schoolValue: plan.targets[i].value,
      expected: expectedByMonth(t.value, year, shanghaiNow.getUTCFullYear(), shanghaiNow.getUTCMonth() + 1),
    })),
    months: months.map(({ eventsByCategory, ...m }) => ({
      ...m,
      plan: planItemsOf(m.month, plan.planItems).map((item) => ({
        text: item.text,
        category: item.category,
        hasEvents: item.category ? eventsByCategory[item.category] > 0 : m.events > 0,
      })),
    })),
    byCollege: agg.byCollege.map((c) => ({ ...c })),
    byBranch: agg.byBranch.map((b) => ({ ...b })),
    lecturers,
    generatedAt: now.toISOString(),
  };
}

function copyPlan(plan: PlanSettings): PlanSettings {
  return {
    targets: plan.targets.map((t) => ({ ...t })),
    planItems: plan.planItems.map((i) => ({ ...i, months: [...i.months] })),
  };
}

/** The yearly targets and monthly schedule as stored (the defaults until the committee saves its own). */
export async function getPlanSettings(_input: ActionParsedInput<'getPlanSettings'>, ctx: HandlerContext): Promise<ActionOutput<'getPlanSettings'>> {
  return copyPlan(await ctx.storage.planSettings());
}

/** The committee replaces the plan as a whole (next year's plan is an edit, not a release); audited. */
export async function updatePlanSettings(
  input: ActionParsedInput<'updatePlanSettings'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'updatePlanSettings'>> {
  const actor = await requireOpenid(ctx);
  const metrics = new Set<string>();
  for (const t of input.targets) {
    if (metrics.has(t.metric)) throw new ApiError('INVALID_INPUT', `目标「${t.label}」重复（每项指标只能设一个目标）`);
    metrics.add(t.metric);
    if (t.metric === 'practice_share' ? t.unit !== '%' : t.unit !== '人次') {
      throw new ApiError('INVALID_INPUT', `目标「${t.label}」的单位应为「${t.metric === 'practice_share' ? '%' : '人次'}」`);
    }
    if (t.unit === '%' && t.value > 100) throw new ApiError('INVALID_INPUT', `目标「${t.label}」不能超过 100%`);
  }
  const settings = copyPlan({
    targets: input.targets,
    planItems: input.planItems.map((i) => ({ ...i, months: [...new Set(i.months)].sort((a, b) => a - b) })),
  });
  await ctx.storage.putPlanSettings(
    settings,
    auditDraft(ctx, actor, 'planSettings.update', 'planSettings', {
      targets: settings.targets.map((t) => `${t.metric}${t.comparator}${t.value}${t.unit}`),
      planItems: settings.planItems.length,
    }),
  );
  return { saved: true };
}
