import { describePriority, MAX_PRIORITY_RULES, MAX_PRIORITY_WEIGHT, priorityProblem, type PriorityRule } from '../../../../core/lottery/priority';

/**
 * 抽签优先 in 发布活动: the rules the organiser adds while the event is a draft (committed with the seed at publishing,
 * then fixed), in the words the event page shows them. The checks are the core's, the one the server makes, with the
 * field's name taken off the sentence (the form shows it under the field). Pure.
 */
export type { PriorityRule };
export { MAX_PRIORITY_RULES };

export const PRIORITY_WEIGHTS = Array.from({ length: MAX_PRIORITY_WEIGHT - 1 }, (_, i) => i + 2);
export const DEFAULT_WEIGHT = 2;

/** What a new rule starts from: the event's own credit module, and its host college (or first audience college). */
export interface RuleDefaults {
  module: string;
  college: string;
}

export function addRule(rules: readonly PriorityRule[], kind: PriorityRule['kind'], defaults: RuleDefaults): PriorityRule[] {
  if (rules.length >= MAX_PRIORITY_RULES) return [...rules];
  const taken = (r: PriorityRule) => (r.kind === 'college' ? r.college === defaults.college : r.module === defaults.module);
  const clash = rules.some((r) => r.kind === kind && taken(r));
  const rule: PriorityRule =
    kind === 'college'
      ? { kind, college: clash ? '' : defaults.college, weight: DEFAULT_WEIGHT }
      : { kind, module: clash ? '' : defaults.module, weight: DEFAULT_WEIGHT };
  return [...rules, rule];
}

export function changeRule(rules: readonly PriorityRule[], index: number, change: { module?: string; college?: string; weight?: number }): PriorityRule[] {
  return rules.map((r, i) => {
    if (i !== index) return r;
    if (r.kind === 'college') return { ...r, college: change.college ?? r.college, weight: change.weight ?? r.weight };
    return { ...r, module: change.module ?? r.module, weight: change.weight ?? r.weight };
  });
}

export function removeRule(rules: readonly PriorityRule[], index: number): PriorityRule[] {
  return rules.filter((_, i) => i !== index);
}

/** A sentence without the field it names at its end (“…（lotteryPriority.weight）”): the form shows it under the field. */
const withoutField = (sentence: string) => sentence.replace(/[（(][A-Za-z.]+[）)]\s*$/, '');

/** What is wrong with the rules before asking the server, or null (the server's own check, its words). */
export function rulesProblem(rules: readonly PriorityRule[]): string | null {
  const problem = priorityProblem(rules);
  if (!problem) return null;
  return withoutField(problem.replace('抽签优先规则缺少学院或模块', '请为每条优先规则选好学院或模块'));
}

/** The rule as the event page's 抽签 card shows it (“优先：思想引领模块尚无学分的同学中签机会 ×2”). */
export function ruleLabel(rule: PriorityRule, modules: ReadonlyArray<{ id: string; name: string }>): string {
  const names = new Map(modules.map((m) => [m.id, m.name]));
  if ((rule.kind === 'college' ? rule.college : rule.module) === '') return rule.kind === 'college' ? '（请选择学院）' : '（请选择模块）';
  return `优先：${describePriority(rule, (id) => names.get(id) ?? id)}`;
}

/**
 * The server's refusal of the lottery's terms as a field error: its own sentences end with the field
 * (“…（lotteryPriority）”, “…（signupMode）”), and after publishing it answers LOTTERY_TERMS_LOCKED. Null when the
 * refusal is about something else.
 */
export function lotteryFieldError(code: string | null, message: string): { path: string; message: string } | null {
  if (code === 'LOTTERY_TERMS_LOCKED') return { path: 'lotteryPriority', message };
  if (code !== 'INVALID_INPUT') return null;
  const named = /[（(](lotteryPriority[A-Za-z.0-9]*|signupMode)[）)]\s*$/.exec(message);
  if (named) return { path: named[1] === 'signupMode' ? 'signupMode' : 'lotteryPriority', message: withoutField(message) };
  const schema = /字段“fields\.lotteryPriority[^”]*”格式不正确：(.+)$/.exec(message);
  return schema ? { path: 'lotteryPriority', message: schema[1] } : null;
}
