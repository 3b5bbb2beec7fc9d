import type { ActionOutput, ActionParsedInput } from '../../../types';
import { DEFAULT_JOB_BUDGET_MS } from '../jobs/run-job';
import { elapsedClock, type HandlerContext } from '../shared/context';

/** Students per page of the upkeep: one roster read, one aggregation of their ledger, a write per changed student. */
const PAGE = 1_000;

/**
 * 重算学分合计 (committee, upkeep): the one-off backfill of the per-student totals when they are introduced on an
 * environment that already has a ledger (docs/cloudbase.md, "Credit totals"), and a check any time after. Works
 * through the roster a page of 1,000 students at a time while the call's time budget lasts, and answers where the
 * next call starts (`next`), null when every student was checked. Safe while settlements go on.
 */
export async function rebuildCreditTotals(
  input: ActionParsedInput<'rebuildCreditTotals'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'rebuildCreditTotals'>> {
  const budget = ctx.jobBudgetMs ?? DEFAULT_JOB_BUDGET_MS;
  const elapsed = elapsedClock(ctx);
  const started = elapsed();
  let after: string | null = input.after || null;
  let checked = 0;
  let changed = 0;
  let slowest = 0;
  for (;;) {
    const began = elapsed();
    const page = await ctx.storage.rebuildCreditTotals(after, PAGE);
    checked += page.checked;
    changed += page.changed;
    after = page.next;
    slowest = Math.max(slowest, elapsed() - began);
    if (!after || elapsed() - started + slowest > budget) break;
  }
  if (changed) console.log(`[rebuildCreditTotals] ${checked} students checked, ${changed} rewritten, next ${after ?? '(done)'}`);
  return { checked, changed, next: after };
}
