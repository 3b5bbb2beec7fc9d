/**
 * What an event promises (its credit rule) and what one attendance earns under it. Pure.
 */
export type CreditRule =
  /** A fixed amount per attendance. */
  | { kind: 'fixed'; module: string; amount: number }
  /** An amount per counted hour (volunteering), capped. */
  | { kind: 'per_hour'; module: string; perHour: number; cap: number }
  | { kind: 'none' };

export interface EventCreditRule {
  base: CreditRule;
  /** Extra for passing the event's assessment (e.g. first-aid certification), or null. */
  assessmentBonus: { module: string; amount: number } | null;
}

export const NO_CREDITS: EventCreditRule = { base: { kind: 'none' }, assessmentBonus: null };

/** What an attendance looks like to the credit rules. */
export interface AttendanceFacts {
  checkedIn: boolean;
  /** The event records hours (check-out required). */
  checkoutRequired: boolean;
  /** Hours of the stay, and whether the stay covered the share the organiser set. */
  hours: number;
  hoursCounted: boolean;
}

/**
 * The credits an attendance earns, or null for none (no-show, a stay too short, an event without credits).
 * Where the event records hours, nothing is earned until the stay is counted; hours count toward per-hour rules.
 */
export function creditsForAttendance(rule: EventCreditRule, facts: AttendanceFacts): { module: string; amount: number; hours: number } | null {
  if (!facts.checkedIn) return null;
  if (facts.checkoutRequired && !facts.hoursCounted) return null;
  const hours = facts.checkoutRequired ? facts.hours : 0;
  const base = rule.base;
  if (base.kind === 'none') return null;
  if (base.kind === 'fixed') return base.amount > 0 ? { module: base.module, amount: base.amount, hours } : null;
  const amount = Math.min(base.cap, Math.floor(hours * base.perHour));
  return amount > 0 ? { module: base.module, amount, hours } : null;
}

/** The committee's optional no-show penalty: after `threshold` no-shows in a term, each further one costs `amount`. */
export interface NoShowPolicy {
  enabled: boolean;
  threshold: number;
  module: string;
  amount: number;
}

export function noShowPenalty(policy: NoShowPolicy, noShowsBefore: number): number {
  if (!policy.enabled || policy.amount <= 0) return 0;
  return noShowsBefore + 1 > policy.threshold ? policy.amount : 0;
}

/** The module each kind of activity earns by default (a college can change the rule per event). */
export const DEFAULT_MODULE_OF_CATEGORY: Record<string, string> = {
  lecture: 'ideology',
  theme: 'ideology',
  volunteer: 'service',
  practice: 'service',
  firstaid: 'skills',
};

/** The rule an event gets from its promised credits unless its organiser sets another: a fixed amount. */
export function defaultCreditRule(category: string, credits: number): EventCreditRule {
  const amount = Math.round(credits * 100);
  if (amount <= 0) return NO_CREDITS;
  return { base: { kind: 'fixed', module: DEFAULT_MODULE_OF_CATEGORY[category] ?? 'skills', amount }, assessmentBonus: null };
}

export const DEFAULT_NO_SHOW_POLICY: NoShowPolicy = { enabled: false, threshold: 2, module: 'organization', amount: 25 };
