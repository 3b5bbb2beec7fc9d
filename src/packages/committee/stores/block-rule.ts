import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { BlockRuleInput, BlockRuleView } from '../logic/block-rule-draft';
import type { Outcome } from './credit-settings';

/** 缺席限制报名 (committee, on 模块与毕业要求): the rule as the server holds it, and saving a new one. */
interface BlockRuleState {
  rule: BlockRuleView | null;
  loading: boolean;
  error: string | null;
  saving: boolean;

  load: () => Promise<void>;
  save: (input: BlockRuleInput) => Promise<Outcome<ActionOutput<'updateSignupBlockRule'>>>;
  reset: () => void;
}

const initial = { rule: null, loading: false, error: null, saving: false };
let seq = 0;

export const useBlockRuleStore = create<BlockRuleState>()((set, get) => ({
  ...initial,

  async load() {
    const mine = ++seq;
    set({ loading: true, error: null });
    try {
      const rule = await call('getSignupBlockRule', {});
      if (mine !== seq) return;
      set({ rule, loading: false });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, error: messageOf(error) });
    }
  },

  async save(input) {
    if (get().saving) return { ok: false, code: null, message: '正在保存，请稍候' };
    set({ saving: true });
    try {
      const saved = await call('updateSignupBlockRule', input);
      seq++; // a load still on its way must not bring back the old rule
      set({ rule: { enabled: saved.enabled, marksPerTerm: saved.marksPerTerm, blockDays: saved.blockDays } });
      return { ok: true, value: saved };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ saving: false });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useBlockRuleStore.getState().reset());
