import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import { call, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import type { RegistrationChange } from './events';
import { publish, subscribe } from './session-events';

export type MyRegistrationRow = ActionOutput<'listMyRegistrations'>['registrations'][number];

interface RegistrationsState {
  rows: MyRegistrationRow[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** eventId whose cancellation is in flight. */
  pending: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  cancel: (eventId: string) => Promise<RegistrationChange>;
}

let seq = 0;

export const useRegistrationsStore = create<RegistrationsState>()((set, get) => ({
  rows: [],
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,
  pending: null,

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

  async cancel(eventId) {
    if (get().pending) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ pending: eventId });
    try {
      const { registration } = await call('cancelRegistration', { eventId });
      set((s) => ({ rows: s.rows.filter((r) => r.event.id !== eventId) }));
      publish('registrationChanged');
      return { ok: true, registration };
    } catch (error) {
      void get().load({ silent: true });
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ pending: null });
    }
  },
}));

function refresh() {
  const state = useRegistrationsStore.getState();
  if (state.loaded || state.loading) void state.load({ silent: true });
}
subscribe('registrationChanged', refresh);
subscribe('identityChanged', refresh);
