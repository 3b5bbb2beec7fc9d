/**
 * Priority weights (optional, the organiser's choice when the event is a draft, committed with the seed at
 * publishing and shown on the event page): a rule gives the students it covers a whole-number weight, so that they
 * are drawn with that many times the chance of the others. An applicant's weight is the largest weight of the
 * rules that cover them, else 1. It is fixed when they apply (from what is on record then) and published with their
 * pseudonym after the draw, so anyone can check that every weight is one the rules allow.
 */
export type PriorityRule =
  /** Students with no credit yet in this module (e.g. 思想引领 for a lecture). */
  | { kind: 'new_to_module'; module: string; weight: number }
  /** Students of this college (e.g. the organising college). */
  | { kind: 'college'; college: string; weight: number };

/** What a weight is decided from: the applicant's college and the modules they have credits in. */
export interface PriorityFacts {
  college: string;
  modulesWithCredit: readonly string[];
}

export const MAX_PRIORITY_RULES = 3;
export const MAX_PRIORITY_WEIGHT = 5;

export function weightOf(rules: readonly PriorityRule[], facts: PriorityFacts): number {
  let weight = 1;
  for (const rule of rules) {
    const covers = rule.kind === 'college' ? facts.college === rule.college : !facts.modulesWithCredit.includes(rule.module);
    if (covers && rule.weight > weight) weight = rule.weight;
  }
  return weight;
}

/** Whether a weight rule needs the student's credits (a read of their totals) to be decided. */
export function needsCreditFacts(rules: readonly PriorityRule[]): boolean {
  return rules.some((r) => r.kind === 'new_to_module');
}

/** Why a set of rules cannot be committed to, in words naming the field, or null. */
export function priorityProblem(rules: readonly PriorityRule[]): string | null {
  if (rules.length > MAX_PRIORITY_RULES) return `抽签优先规则最多 ${MAX_PRIORITY_RULES} 条（lotteryPriority）`;
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!Number.isInteger(rule.weight) || rule.weight < 2 || rule.weight > MAX_PRIORITY_WEIGHT) {
      return `抽签优先的倍数应为 2–${MAX_PRIORITY_WEIGHT} 的整数（lotteryPriority.weight）`;
    }
    const key = rule.kind === 'college' ? `college:${rule.college}` : `module:${rule.module}`;
    if ((rule.kind === 'college' ? rule.college : rule.module).trim() === '') return '抽签优先规则缺少学院或模块（lotteryPriority）';
    if (seen.has(key)) return '抽签优先规则重复了（lotteryPriority）';
    seen.add(key);
  }
  return null;
}

/** A rule in the words the event page shows: “思想引领模块尚无学分的同学 ×2”. */
export function describePriority(rule: PriorityRule, moduleName: (id: string) => string = (id) => id): string {
  const who = rule.kind === 'college' ? `${rule.college}的同学` : `${moduleName(rule.module)}模块尚无学分的同学`;
  return `${who}中签机会 ×${rule.weight}`;
}

/** The weights an applicant may have under these rules (1 and each rule's weight): what a checker accepts. */
export function allowedWeights(rules: readonly PriorityRule[]): number[] {
  return [...new Set([1, ...rules.map((r) => r.weight)])].sort((a, b) => a - b);
}
