import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { callAllPages, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';

export type CheckinEventItem = ActionOutput<'listCheckinEvents'>['events'][number];

/** 签到管理: the events this account may run check-in for (its branch's, college's, all for the committee, assigned). */
interface CheckinEventsState {
  events: CheckinEventItem[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  load: (opts?: { silent?: boolean }) => Promise<void>;
  reset: () => void;
}

const initial = { events: [], loading: false, loaded: false, error: null, errorCode: null };
let seq = 0;

export const useCheckinEventsStore = create<CheckinEventsState>()((set, get) => ({
  ...initial,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      // A page a call (at most 400 events; the committee's list is the whole year): every page, one after another.
      const events = await callAllPages('listCheckinEvents', {});
      if (mine !== seq) return;
      set({ events, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      // A silent refresh that fails keeps the list shown (an officer at a venue without signal).
      if (opts?.silent && get().loaded && codeOf(error) === 'NETWORK') return set({ loading: false });
      set({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useCheckinEventsStore.getState().reset());
