import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { Team } from '../logic/labels';
import type { Outcome } from './managed-events';

/** 实践团队审核: teams by status (待审核 first); a report is approved (credits to every member) or returned with a reason. */
export type TeamFilter = 'report_submitted' | 'signed_up' | 'approved' | 'returned';

interface TeamsReviewState {
  status: TeamFilter;
  teams: Team[];
  loading: boolean;
  error: string | null;
  forbidden: string | null;
  reviewing: string | null;

  load: (status: TeamFilter, opts?: { silent?: boolean }) => Promise<void>;
  review: (teamId: string, approve: boolean, reason: string) => Promise<Outcome<ActionOutput<'reviewTeam'>>>;
  reset: () => void;
}

const initial = { status: 'report_submitted' as TeamFilter, teams: [], loading: false, error: null, forbidden: null, reviewing: null };
let seq = 0;

export const useTeamsReviewStore = create<TeamsReviewState>()((set, get) => ({
  ...initial,

  async load(status, opts) {
    const mine = ++seq;
    const same = get().status === status;
    set({ status, loading: !opts?.silent || !same, error: null, ...(same ? {} : { teams: [] }) });
    try {
      const { teams } = await call('listTeams', { status });
      if (mine !== seq) return;
      set({ teams, loading: false });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      set({ loading: false, error: messageOf(error) });
    }
  },

  async review(teamId, approve, reason) {
    if (get().reviewing) return { ok: false, code: null, message: '正在处理，请稍候' };
    set({ reviewing: teamId });
    try {
      const answer = await call('reviewTeam', { teamId, approve, reason });
      seq++;
      set({ teams: get().teams.filter((t) => t.id !== teamId) });
      return { ok: true, value: answer };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ reviewing: null });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useTeamsReviewStore.getState().reset());
