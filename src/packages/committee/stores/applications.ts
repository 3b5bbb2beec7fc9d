import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { Outcome } from './managed-events';

/** 报名审核: the pending applications of one event that requires approval, approved or refused one by one. */
export type Application = ActionOutput<'listApplications'>['applications'][number];

interface ApplicationsState {
  eventId: string | null;
  applications: Application[];
  loading: boolean;
  error: string | null;
  forbidden: string | null;
  deciding: string | null;

  load: (eventId: string) => Promise<void>;
  decide: (studentNo: string, approve: boolean, reason?: string) => Promise<Outcome<ActionOutput<'decideApplication'>>>;
  reset: () => void;
}

const initial = { eventId: null, applications: [], loading: false, error: null, forbidden: null, deciding: null };
let seq = 0;

export const useApplicationsStore = create<ApplicationsState>()((set, get) => ({
  ...initial,

  async load(eventId) {
    const mine = ++seq;
    set({ eventId, loading: true, error: null, ...(get().eventId === eventId ? {} : { applications: [] }) });
    try {
      const { applications } = await call('listApplications', { eventId });
      if (mine !== seq) return;
      set({ applications, loading: false });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      set({ loading: false, error: messageOf(error) });
    }
  },

  async decide(studentNo, approve, reason) {
    const eventId = get().eventId;
    if (!eventId || get().deciding) return { ok: false, code: null, message: '正在处理，请稍候' };
    set({ deciding: studentNo });
    try {
      const answer = await call('decideApplication', { eventId, studentNo, approve, ...(reason ? { reason } : {}) });
      seq++;
      set({ applications: get().applications.filter((a) => a.studentNo !== studentNo) });
      return { ok: true, value: answer };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ deciding: null });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useApplicationsStore.getState().reset());
