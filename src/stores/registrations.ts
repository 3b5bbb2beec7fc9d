import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import { call, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import { subscribe } from './session-events';

export type MyRegistrationRow = ActionOutput<'listMyRegistrations'>['registrations'][number];

/**
 * 我的报名: the rows only. Cancelling is the events store's `cancel` (one place for sign-up and cancel, wherever they
 * are tapped); this store hears of it and drops the row, or reloads after a sign-up or a refusal.
 */
interface RegistrationsState {
  rows: MyRegistrationRow[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
}

let seq = 0;

export const useRegistrationsStore = create<RegistrationsState>()((set, get) => ({
  rows: [],
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      const { registrations } = await call('listMyRegistrations', {});
      if (mine !== seq) return;
      set({ rows: registrations, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      set({ rows: [], loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },
}));

function refresh() {
  const state = useRegistrationsStore.getState();
  if (state.loaded || state.loading) void state.load({ silent: true });
}

subscribe('registrationChanged', ({ eventId, kind }) => {
  // A cancellation's answer says all this list needs: the row goes. A new row needs the event as this list shows it.
  if (kind === 'cancel') useRegistrationsStore.setState((s) => ({ rows: s.rows.filter((r) => r.event.id !== eventId) }));
  else refresh();
});
subscribe('identityChanged', refresh);
