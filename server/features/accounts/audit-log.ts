import type { ActionOutput, ActionParsedInput } from '../../../types';
import type { AuditDraft } from '../../../core';
import type { HandlerContext } from '../shared/context';

/** An audit entry for a change made now by `actor`. `detail` must never carry a second factor. */
export function auditDraft(ctx: HandlerContext, actor: string, action: string, target: string, detail: Record<string, unknown>): AuditDraft {
  return { at: ctx.now().toISOString(), actor, action, target, detail: JSON.stringify(detail) };
}

export async function listAuditLog(input: ActionParsedInput<'listAuditLog'>, ctx: HandlerContext): Promise<ActionOutput<'listAuditLog'>> {
  return { entries: await ctx.storage.listAudit(input.limit ?? 100) };
}
