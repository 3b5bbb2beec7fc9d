import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { Outcome } from './managed-events';

export type RoundView = ActionOutput<'listContestRounds'>['rounds'][number];
export type RoundDetail = ActionOutput<'getContestRound'>;

interface ContestRoundsState {
  year: number | null;
  rounds: RoundView[];
  detail: RoundDetail | null;
  loading: boolean;
  error: string | null;
  forbidden: string | null;
  busy: boolean;
  load: (opts?: { silent?: boolean }) => Promise<void>;
  open: (roundId: string, opts?: { silent?: boolean }) => Promise<void>;
  save: (input: ActionInput<'saveContestRound'>) => Promise<Outcome<RoundView>>;
  setJudges: (input: ActionInput<'setContestJudges'>) => Promise<Outcome<RoundView>>;
  startJudging: (roundId: string) => Promise<Outcome<RoundView>>;
  publish: (input: ActionInput<'publishContestResults'>) => Promise<Outcome<ActionOutput<'publishContestResults'>>>;
  reset: () => void;
}

const initial = { year: null, rounds: [], detail: null, loading: false, error: null, forbidden: null, busy: false };

/**
 * 百生讲坛 for its organisers (the committee; a college officer their college's round): the year's rounds, one round
 * with its entries, judges and ranking; each change answers the round, and the open round is read again.
 */
export const useContestRoundsStore = create<ContestRoundsState>()((set, get) => {
  function refused(error: unknown) {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
    set({ loading: false, error: messageOf(error) });
  }
  async function run<T>(work: () => Promise<T>, roundId?: string): Promise<Outcome<T>> {
    if (get().busy) return { ok: false, code: null, message: '正在处理，请稍候' };
    set({ busy: true });
    try {
      const value = await work();
      if (roundId) await get().open(roundId, { silent: true });
      void get().load({ silent: true });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ busy: false });
    }
  }
  return {
    ...initial,
    async load(opts) {
      set({ loading: !opts?.silent, error: null });
      try {
        const { year, rounds } = await call('listContestRounds', {});
        set({ year, rounds, loading: false });
      } catch (error) {
        refused(error);
      }
    },
    async open(roundId, opts) {
      if (get().detail?.round.id !== roundId) set({ detail: null });
      set({ loading: !opts?.silent, error: null });
      try {
        set({ detail: await call('getContestRound', { roundId }), loading: false });
      } catch (error) {
        refused(error);
      }
    },
    save: (input) => run(async () => (await call('saveContestRound', input)).round, input.roundId),
    setJudges: (input) => run(async () => (await call('setContestJudges', input)).round, input.roundId),
    startJudging: (roundId) => run(async () => (await call('startContestJudging', { roundId })).round, roundId),
    publish: (input) => run(async () => call('publishContestResults', input), input.roundId),
    reset: () => set(initial),
  };
});

subscribe('identityChanged', () => useContestRoundsStore.getState().reset());
