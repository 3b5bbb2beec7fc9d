import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';

export type ContestHome = ActionOutput<'getContestHome'>;
export type HomeRound = ContestHome['rounds'][number];
export type Entry = ContestHome['entries'][number];
export type JudgingRound = ActionOutput<'listMyJudging'>['rounds'][number];
export type JudgingEntry = ActionOutput<'getJudgingEntry'>;
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string | null; message: string };

interface ContestState {
  home: ContestHome | null;
  judging: JudgingRound[] | null;
  loading: boolean;
  error: string | null;
  busy: boolean;
  loadHome: (opts?: { silent?: boolean }) => Promise<void>;
  loadJudging: (opts?: { silent?: boolean }) => Promise<void>;
  submit: (input: ActionInput<'submitContestEntry'>) => Promise<Outcome<Entry>>;
  update: (input: ActionInput<'updateContestEntry'>) => Promise<Outcome<Entry>>;
  withdraw: (entryId: string) => Promise<Outcome<Entry>>;
  score: (input: ActionInput<'submitContestScore'>) => Promise<Outcome<ActionOutput<'submitContestScore'>>>;
}

/**
 * 百生讲坛 for a student or a judge (contest subpackage): the home (rounds, my entries and results, judge, lecturer),
 * entering, editing and withdrawing; the judge's list and scoring. A change reloads the home in the background.
 */
export const useContestStore = create<ContestState>()((set, get) => {
  async function run<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    if (get().busy) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ busy: true });
    try {
      const value = await work();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ busy: false });
    }
  }
  const refresh = () => void get().loadHome({ silent: true });

  return {
    home: null,
    judging: null,
    loading: false,
    error: null,
    busy: false,

    async loadHome(opts) {
      set({ loading: !opts?.silent || !get().home, error: null });
      try {
        set({ home: await call('getContestHome', {}), loading: false });
      } catch (error) {
        set({ loading: false, error: messageOf(error) });
      }
    },
    async loadJudging(opts) {
      set({ loading: !opts?.silent || !get().judging, error: null });
      try {
        set({ judging: (await call('listMyJudging', {})).rounds, loading: false });
      } catch (error) {
        set({ loading: false, error: messageOf(error) });
      }
    },
    submit: (input) => run(async () => (await call('submitContestEntry', input)).entry).then((o) => (refresh(), o)),
    update: (input) => run(async () => (await call('updateContestEntry', input)).entry).then((o) => (refresh(), o)),
    withdraw: (entryId) => run(async () => (await call('withdrawContestEntry', { entryId })).entry).then((o) => (refresh(), o)),
    score: (input) =>
      run(async () => call('submitContestScore', input)).then((o) => {
        void get().loadJudging({ silent: true });
        return o;
      }),
  };
});

subscribe('identityChanged', () => {
  useContestStore.setState({ home: null, judging: null });
});
