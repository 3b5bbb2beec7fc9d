import type { ActionInput } from '../../../../types/actions';
import type { CreditSettingsView } from '../../../../types/models';
import { formatCredits } from '../../../utils/credits';
import { parseCredits } from './credit-input';
import { newTally, tallyOf } from '../../../../core/tally';

/**
 * 模块与毕业要求 as the form holds it: amounts as typed (学分, text), turned back into the API's hundredths on save.
 * Pure, so the checks are tested without a page.
 */
export interface DraftModule {
  id: string;
  name: string;
  order: number;
  active: boolean;
  /** Added in this form, not saved yet. */
  added: boolean;
  /** The module's minimum for graduation, in 学分 as typed. */
  min: string;
}

export interface SettingsDraft {
  modules: DraftModule[];
  overallMin: string;
  noShow: { enabled: boolean; threshold: string; module: string; amount: string };
}

export type UpdateInput = ActionInput<'updateCreditSettings'>;

export function toDraft(s: CreditSettingsView): SettingsDraft {
  return {
    modules: [...s.modules]
      .sort((a, b) => a.order - b.order)
      .map((m) => ({ ...m, added: false, min: formatCredits(tallyOf(s.requirement.perModule, m.id)) })),
    overallMin: formatCredits(s.requirement.overallMin),
    noShow: {
      enabled: s.noShow.enabled,
      threshold: String(s.noShow.threshold),
      module: s.noShow.module,
      amount: formatCredits(s.noShow.amount),
    },
  };
}

/** An id for a module added here: lower-case, starts with a letter, unlike every id in use (the server's rule). */
export function newModuleId(taken: readonly string[], now: number): string {
  let id = `m${now.toString(36)}`;
  for (let n = 1; taken.includes(id); n++) id = `m${now.toString(36)}_${n}`;
  return id.slice(0, 32);
}

export function addModule(draft: SettingsDraft, name: string, now: number): SettingsDraft | string {
  const trimmed = name.trim();
  if (trimmed.length < 2) return '请填写新模块的名称（至少 2 个字）';
  if (trimmed.length > 30) return '模块名称不能超过 30 个字';
  if (draft.modules.some((m) => m.name.trim() === trimmed)) return `已有名为“${trimmed}”的模块`;
  if (draft.modules.length >= 20) return '模块不能超过 20 个';
  const order = Math.max(0, ...draft.modules.map((m) => m.order)) + 1;
  const id = newModuleId(draft.modules.map((m) => m.id), now);
  return { ...draft, modules: [...draft.modules, { id, name: trimmed, order, active: true, added: true, min: '0' }] };
}

/** The request to send, or the first problem as a sentence the committee can act on. */
export function fromDraft(draft: SettingsDraft): { ok: true; input: UpdateInput } | { ok: false; message: string } {
  const names = new Set<string>();
  const perModule = newTally();
  for (const m of draft.modules) {
    const name = m.name.trim();
    if (name.length < 2 || name.length > 30) return { ok: false, message: `模块名称应为 2–30 个字：“${name || '（空）'}”` };
    if (names.has(name)) return { ok: false, message: `有两个模块都叫“${name}”，请改成不同的名称` };
    names.add(name);
    const min = m.min.trim() === '' ? 0 : parseCredits(m.min);
    if (min === null) return { ok: false, message: `“${name}”的最低学分应为不小于 0 的数，最多两位小数` };
    perModule[m.id] = min;
  }
  if (!draft.modules.some((m) => m.active)) return { ok: false, message: '至少需要保留一个启用的模块' };
  const overallMin = draft.overallMin.trim() === '' ? 0 : parseCredits(draft.overallMin);
  if (overallMin === null) return { ok: false, message: '总学分要求应为不小于 0 的数，最多两位小数' };
  const threshold = Number(draft.noShow.threshold.trim());
  const amount = parseCredits(draft.noShow.amount, 10);
  if (draft.noShow.enabled) {
    if (!/^\d{1,3}$/.test(draft.noShow.threshold.trim())) return { ok: false, message: '缺席次数应为 0 或正整数' };
    if (amount === null || amount === 0) return { ok: false, message: '每次扣分应大于 0、不超过 10 学分' };
    if (!draft.modules.some((m) => m.id === draft.noShow.module)) return { ok: false, message: '请选择缺席扣分计入的模块' };
  }
  return {
    ok: true,
    input: {
      modules: draft.modules.map((m) => ({ id: m.id, name: m.name.trim(), order: m.order, active: m.active })),
      requirement: { overallMin, perModule },
      noShow: {
        enabled: draft.noShow.enabled,
        threshold: Number.isInteger(threshold) && threshold >= 0 ? threshold : 0,
        module: draft.noShow.module,
        amount: amount ?? 0,
      },
    },
  };
}

/** Sum of the active modules' minimums, hundredths (to show beside the overall minimum). */
export function sumOfMinimums(draft: SettingsDraft): number {
  return draft.modules.filter((m) => m.active).reduce((s, m) => s + (parseCredits(m.min) ?? 0), 0);
}
