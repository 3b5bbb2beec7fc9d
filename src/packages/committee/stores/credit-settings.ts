import { create } from 'zustand';
import type { ActionInput } from '../../../../types/actions';
import type { CreditSettingsView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';

/** 模块与毕业要求 (committee): the credit modules, the graduation requirement and the no-show penalty. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };

interface CreditSettingsState {
  settings: CreditSettingsView | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  saving: boolean;
  forbidden: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  save: (input: ActionInput<'updateCreditSettings'>) => Promise<Outcome<CreditSettingsView>>;
  reset: () => void;
}

const initial = { settings: null, loading: false, loaded: false, error: null, errorCode: null, saving: false, forbidden: null };
let seq = 0;

export const useCreditSettingsStore = create<CreditSettingsState>()((set, get) => ({
  ...initial,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      const settings = await call('getCreditSettings', {});
      if (mine !== seq) return;
      set({ settings, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  async save(input) {
    if (get().saving) return { ok: false, code: null, message: '正在保存，请稍候' };
    set({ saving: true });
    try {
      const settings = await call('updateCreditSettings', input);
      seq++; // a load still on its way must not bring back the old settings
      set({ settings, loaded: true });
      return { ok: true, value: settings };
    } catch (error) {
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
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

subscribe('identityChanged', () => useCreditSettingsStore.getState().reset());
