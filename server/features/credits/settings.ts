import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import type { CreditSettings } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/** The modules (stored as data: renamed or added without a release), the graduation requirement, the no-show rule. */
export async function getCreditSettings(_input: ActionParsedInput<'getCreditSettings'>, ctx: HandlerContext): Promise<ActionOutput<'getCreditSettings'>> {
  const settings = await ctx.storage.creditSettings();
  return { ...settings, modules: [...settings.modules].sort((a, b) => a.order - b.order) };
}

/**
 * The committee changes the settings as a whole. Every module the requirement or the no-show rule names must exist;
 * a module may be renamed or retired (active: false) but not removed, since entries on the ledger name it.
 */
export async function updateCreditSettings(
  input: ActionParsedInput<'updateCreditSettings'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'updateCreditSettings'>> {
  const actor = await requireOpenid(ctx);
  const current = await ctx.storage.creditSettings();
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const m of input.modules) {
    if (ids.has(m.id)) throw new ApiError('INVALID_INPUT', `模块编号「${m.id}」重复`);
    if (names.has(m.name)) throw new ApiError('INVALID_INPUT', `模块名称「${m.name}」重复`);
    ids.add(m.id);
    names.add(m.name);
  }
  const removed = current.modules.filter((m) => !ids.has(m.id));
  if (removed.length) {
    throw new ApiError('INVALID_INPUT', `模块「${removed.map((m) => m.name).join('」「')}」不能删除（学分记录和活动的计分规则会引用它），不再使用请设为停用`);
  }
  for (const id of Object.keys(input.requirement.perModule)) {
    if (!ids.has(id)) throw new ApiError('INVALID_INPUT', `毕业要求中的模块「${id}」不存在`);
  }
  if (!ids.has(input.noShow.module)) throw new ApiError('INVALID_INPUT', `缺席扣分的模块「${input.noShow.module}」不存在`);
  const settings: CreditSettings = {
    modules: input.modules.map((m) => ({ ...m })),
    requirement: { overallMin: input.requirement.overallMin, perModule: { ...input.requirement.perModule } },
    noShow: { ...input.noShow },
  };
  await ctx.storage.putCreditSettings(
    settings,
    auditDraft(ctx, actor, 'creditSettings.update', 'creditSettings', {
      modules: settings.modules.map((m) => `${m.id}:${m.name}${m.active ? '' : '(停用)'}`),
      requirement: settings.requirement,
      noShow: settings.noShow,
    }),
  );
  return getCreditSettings({}, ctx);
}
