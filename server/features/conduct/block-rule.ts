import type { ActionOutput, ActionParsedInput } from '../../../types';
import { blockActive, blockMessage, blockRuleProblem, termOf, type BlockRule, type SignupBlock } from '../../../core';
import { ApiError } from '../../../types';
import type { StoragePort } from '../../storage/ports';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/**
 * The sign-up block rule (缺席限制报名), the committee's setting. Every sign-up asks whether the student is blocked,
 * so the rule is remembered per container for a minute (a warm CloudBase container does not read it per sign-up:
 * while the rule is off, a sign-up costs no more than before); a change made here is seen here at once, elsewhere
 * within that minute.
 */
const RULE_MEMORY_MS = 60_000;
const remembered = new WeakMap<StoragePort, { rule: BlockRule; at: number }>();

export async function currentBlockRule(storage: StoragePort, now: Date): Promise<BlockRule> {
  const known = remembered.get(storage);
  if (known && now.getTime() - known.at >= 0 && now.getTime() - known.at < RULE_MEMORY_MS) return known.rule;
  const rule = await storage.blockRule();
  remembered.set(storage, { rule, at: now.getTime() });
  return rule;
}

/** Forgets the remembered rule (after a change, and for tests that set it in storage directly). */
export function forgetBlockRule(storage: StoragePort): void {
  remembered.delete(storage);
}

/** The student's block if the rule is on and it still runs at `now`, else null (no read while the rule is off). */
export async function activeBlockOf(ctx: HandlerContext, studentNo: string, now: Date): Promise<SignupBlock | null> {
  const rule = await currentBlockRule(ctx.storage, now);
  if (!rule.enabled) return null;
  const block = await ctx.storage.getSignupBlock(studentNo);
  return blockActive(block, now) ? block : null;
}

type SignupBlockView = NonNullable<ActionOutput<'getEventFairness'>['myBlock']>;

/** A running block as the event page says it: why, how many marks, until when (the whole sentence in `message`). */
export function toBlockView(block: SignupBlock): SignupBlockView {
  return { until: block.until, reason: block.reason, marks: block.marks, term: termOf(block.until).label, message: blockMessage(block) };
}

export async function getSignupBlockRule(_input: ActionParsedInput<'getSignupBlockRule'>, ctx: HandlerContext): Promise<ActionOutput<'getSignupBlockRule'>> {
  return { ...(await ctx.storage.blockRule()) };
}

/** The committee changes the rule (audited); turning it off ends every running block at once. */
export async function updateSignupBlockRule(
  input: ActionParsedInput<'updateSignupBlockRule'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'updateSignupBlockRule'>> {
  const openid = await requireOpenid(ctx);
  const rule: BlockRule = { enabled: input.enabled, marksPerTerm: input.marksPerTerm, blockDays: input.blockDays };
  const problem = blockRuleProblem(rule);
  if (problem) throw new ApiError('INVALID_INPUT', problem);
  const { lifted } = await ctx.storage.putBlockRule(rule, ctx.now(), auditDraft(ctx, openid, 'conduct.rule', 'signupBlocks', { ...rule }));
  forgetBlockRule(ctx.storage);
  return { ...rule, lifted };
}
