import { tallyOf } from '../tally';
import type { CreditModule, GraduationRequirement } from './modules';
import type { CreditSummary } from './ledger';

export interface ModuleProgress {
  id: string;
  name: string;
  have: number;
  need: number;
  met: boolean;
}

/** Progress toward the graduation requirement: every active module in order, and overall. */
export function progressOf(
  summary: CreditSummary,
  modules: readonly CreditModule[],
  requirement: GraduationRequirement,
): { overall: { have: number; need: number; met: boolean }; modules: ModuleProgress[]; met: boolean } {
  const rows = [...modules]
    .filter((m) => m.active || tallyOf(summary.byModule, m.id) !== 0)
    .sort((a, b) => a.order - b.order)
    .map((m) => {
      const have = tallyOf(summary.byModule, m.id);
      const need = tallyOf(requirement.perModule, m.id);
      return { id: m.id, name: m.name, have, need, met: have >= need };
    });
  const overall = { have: summary.total, need: requirement.overallMin, met: summary.total >= requirement.overallMin };
  return { overall, modules: rows, met: overall.met && rows.every((r) => r.met) };
}
