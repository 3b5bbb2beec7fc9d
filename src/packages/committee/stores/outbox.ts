import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { OutboxMessage } from '../logic/labels';
import type { Outcome } from './managed-events';

/** 消息发件箱: subscribe messages by status, and 立即运行定时任务 (reminders, closing sign-ups, sending and retrying). */
export type OutboxFilter = 'all' | OutboxMessage['status'];
export type JobReport = ActionOutput<'runScheduledJobs'>;

interface OutboxState {
  status: OutboxFilter;
  messages: OutboxMessage[];
  loading: boolean;
  error: string | null;
  forbidden: string | null;
  running: boolean;
  report: JobReport | null;

  load: (status: OutboxFilter, opts?: { silent?: boolean }) => Promise<void>;
  runJobs: () => Promise<Outcome<JobReport>>;
  reset: () => void;
}

const initial = { status: 'all' as OutboxFilter, messages: [], loading: false, error: null, forbidden: null, running: false, report: null };
let seq = 0;

export const useOutboxStore = create<OutboxState>()((set, get) => ({
  ...initial,

  async load(status, opts) {
    const mine = ++seq;
    const same = get().status === status;
    set({ status, loading: !opts?.silent || !same, error: null, ...(same ? {} : { messages: [] }) });
    try {
      const { messages } = await call('listOutbox', { ...(status === 'all' ? {} : { status }), limit: 200 });
      if (mine !== seq) return;
      set({ messages, loading: false });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      set({ loading: false, error: messageOf(error) });
    }
  },

  async runJobs() {
    if (get().running) return { ok: false, code: null, message: '正在运行，请稍候' };
    set({ running: true });
    try {
      const report = await call('runScheduledJobs', {});
      set({ report });
      await get().load(get().status, { silent: true });
      return { ok: true, value: report };
    } catch (error) {
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ running: false });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useOutboxStore.getState().reset());
