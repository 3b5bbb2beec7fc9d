import type { ActionOutput, ActionParsedInput } from '../../../types';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/** The school's names as transcripts print them (public: the verify page shows who issued a transcript). */
export async function getSiteSettings(_input: ActionParsedInput<'getSiteSettings'>, ctx: HandlerContext): Promise<ActionOutput<'getSiteSettings'>> {
  const { schoolName, issuerName } = await ctx.storage.siteSettings();
  return { schoolName, issuerName };
}

/** The committee corrects the names; transcripts shared from now on carry them (earlier ones keep theirs). */
export async function updateSiteSettings(
  input: ActionParsedInput<'updateSiteSettings'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'updateSiteSettings'>> {
  const actor = await requireOpenid(ctx);
  const settings = { schoolName: input.schoolName, issuerName: input.issuerName };
  await ctx.storage.putSiteSettings(settings, auditDraft(ctx, actor, 'siteSettings.update', 'siteSettings', settings));
  return getSiteSettings({}, ctx);
}
