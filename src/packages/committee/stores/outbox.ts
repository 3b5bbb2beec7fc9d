import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import type { OutboxGroup } from '../../../../types/people-actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import type { OutboxMessage } from '../logic/labels';
import type { Outcome } from './managed-events';

/**
 * 消息发件箱: the messages summed up by event and reason (summarizeOutbox), one group's recipients on demand
 * (listOutbox by event), and 立即发送到期消息 (the timed job now).
 */
export type OutboxFilter = 'all' | OutboxMessage['status'];
export type JobReport = ActionOutput<'runScheduledJobs'>;
export type GroupKey = { eventId: string; kind: OutboxMessage['kind'] };

interface OutboxState {
  status: OutboxFilter;
  groups: OutboxGroup[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  forbidden: string | null;
  running: boolean;
  report: JobReport | null;
  /** The group whose recipients are shown, and them (of the status filter). */
  open: GroupKey | null;
  recipients: OutboxMessage[];
  recipientsLoading: boolean;

  load: (status: OutboxFilter, opts?: { silent?: boolean }) => Promise<void>;
  toggle: (group: GroupKey) => Promise<void>;
  runJobs: () => Promise<Outcome<JobReport>>;
  reset: () => void;
}

const initial = {
  status: 'all' as OutboxFilter,
  groups: [],
  loaded: false,
  loading: false,
  error: null,
  forbidden: null,
  running: false,
  report: null,
  open: null,
  recipients: [],
  recipientsLoading: false,
};
let seq = 0;
let openSeq = 0;

export const useOutboxStore = create<OutboxState>()((set, get) => {
  const noteForbidden = (error: unknown) => {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
  };

  async function loadRecipients(group: GroupKey) {
    const mine = ++openSeq;
    set({ recipientsLoading: true });
    try {
      const status = get().status;
      const { messages } = await call('listOutbox', { eventId: group.eventId, ...(status === 'all' ? {} : { status }), limit: 500 });
      if (mine !== openSeq) return;
      set({ recipients: messages.filter((m) => m.kind === group.kind), recipientsLoading: false });
    } catch (error) {
      if (mine !== openSeq) return;
      noteForbidden(error);
      set({ recipientsLoading: false, error: messageOf(error) });
    }
  }

  return {
    ...initial,

    async load(status, opts) {
      const mine = ++seq;
      const same = get().status === status;
      set({ status, loading: !opts?.silent || !same, error: null, ...(same ? {} : { groups: [], open: null, recipients: [] }) });
      try {
        const { groups } = await call('summarizeOutbox', status === 'all' ? {} : { status });
        if (mine !== seq) return;
        set({ groups, loading: false, loaded: true });
        const open = get().open;
        if (open) await loadRecipients(open);
      } catch (error) {
        if (mine !== seq) return;
        noteForbidden(error);
        set({ loading: false, loaded: true, error: messageOf(error) });
      }
    },

    async toggle(group) {
      const open = get().open;
      if (open && open.eventId === group.eventId && open.kind === group.kind) {
        openSeq++;
        set({ open: null, recipients: [], recipientsLoading: false });
        return;
      }
      set({ open: group, recipients: [] });
      await loadRecipients(group);
    },

    async runJobs() {
      if (get().running) return { ok: false, code: null, message: '正在发送，请稍候' };
      set({ running: true });
      try {
        const report = await call('runScheduledJobs', {});
        set({ report });
        await get().load(get().status, { silent: true });
        return { ok: true, value: report };
      } catch (error) {
        noteForbidden(error);
        return { ok: false, code: codeOf(error), message: messageOf(error) };
      } finally {
        set({ running: false });
      }
    },

    reset() {
      seq++;
      openSeq++;
      set(initial);
    },
  };
});

subscribe('identityChanged', () => useOutboxStore.getState().reset());
