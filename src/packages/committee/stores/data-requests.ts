import { create } from 'zustand';
import type { DataRequestRow } from '../../../../types';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';

interface DataRequestsState {
  requests: DataRequestRow[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  forbidden: string | null;
  /** The request being completed. */
  completing: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  /** Resolves with a sentence when refused, or null once done. */
  complete: (requestId: string, reply: string) => Promise<string | null>;
  reset: () => void;
}

let seq = 0;

/** 删除申请 (committee): students' requests to delete their personal information, pending first; completing one. */
export const useDataRequestsStore = create<DataRequestsState>()((set, get) => ({
  requests: [],
  loading: false,
  loaded: false,
  error: null,
  forbidden: null,
  completing: null,

  async load(opts) {
    const mine = ++seq;
    set({ loading: !opts?.silent || !get().loaded, error: null });
    try {
      const { requests } = await call('listDataRequests', {});
      if (mine !== seq) return;
      set({ requests, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      set({ loading: false, loaded: true, error: messageOf(error) });
    }
  },

  async complete(requestId, reply) {
    if (get().completing) return '正在处理，请稍候';
    set({ completing: requestId });
    try {
      const { request } = await call('completeDataRequest', { requestId, reply });
      set((s) => ({ requests: s.requests.map((r) => (r.id === request.id ? request : r)) }));
      return null;
    } catch (error) {
      if (codeOf(error) === 'DATA_REQUEST_DONE' || codeOf(error) === 'NOT_FOUND') void get().load({ silent: true });
      return messageOf(error);
    } finally {
      set({ completing: null });
    }
  },

  reset() {
    seq++;
    set({ requests: [], loading: false, loaded: false, error: null, forbidden: null, completing: null });
  },
}));

subscribe('identityChanged', () => useDataRequestsStore.getState().reset());
