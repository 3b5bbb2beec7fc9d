import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';

/** 年度目标看板: the plan's yearly targets, month by month and by college / branch; the committee may pick a college. */
export type Dashboard = ActionOutput<'getDashboard'>;

interface DashboardState {
  college: string | null;
  data: Dashboard | null;
  /** Every college, from the whole-school answer (the filter keeps offering them once one is chosen). */
  colleges: string[];
  loading: boolean;
  error: string | null;
  forbidden: string | null;

  load: (college: string | null, opts?: { silent?: boolean }) => Promise<void>;
  reset: () => void;
}

const initial = { college: null, data: null, colleges: [], loading: false, error: null, forbidden: null };
let seq = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  ...initial,

  async load(college, opts) {
    const mine = ++seq;
    const same = get().college === college && get().data !== null;
    set({ college, loading: !opts?.silent || !same, error: null, ...(same ? {} : { data: null }) });
    try {
      const data = await call('getDashboard', college ? { college } : {});
      if (mine !== seq) return;
      set({ data, loading: false, ...(college ? {} : { colleges: data.byCollege.map((c) => c.college) }) });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      set({ loading: false, error: messageOf(error) });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useDashboardStore.getState().reset());
