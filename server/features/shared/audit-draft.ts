import type { AuditDraft } from '../../../core';
import type { HandlerContext } from './context';

/** An audit entry for a change made now by `actor`. `detail` must never carry a second factor. */
export function auditDraft(ctx: HandlerContext, actor: string, action: string, target: string, detail: Record<string, unknown>): AuditDraft {
  return { at: ctx.now().toISOString(), actor, action, target, detail: JSON.stringify(detail) };
}
