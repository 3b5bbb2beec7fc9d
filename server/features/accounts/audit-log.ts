import type { ActionOutput, ActionParsedInput } from '../../../types';
import type { HandlerContext } from '../shared/context';

export async function listAuditLog(input: ActionParsedInput<'listAuditLog'>, ctx: HandlerContext): Promise<ActionOutput<'listAuditLog'>> {
  return { entries: await ctx.storage.listAudit(input.limit ?? 100) };
}
