import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import type { AppealView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { loadReviewList, type ListStatus } from './review-list';

/**
 * 学分申诉 (officer subpackage): appeals of students who attended but got no credit, as the officers of the hosting
 * branch or college (and the committee) see them; decided here. The server picks which appeals a caller may see.
 */
export type AppealStatus = AppealView['status'];
export const APPEAL_STATUSES: readonly AppealStatus[] = ['pending', 'accepted', 'rejected'];

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };
export type Decision = ActionOutput<'decideAppeal'>;

interface ListState extends ListStatus {
  appeals: AppealView[];
}

interface AppealsState {
  lists: Record<AppealStatus, ListState>;
  /** The appeal being decided (its id), so its buttons spin and a second tap waits. */
  deciding: string | null;

  load: (status: AppealStatus, opts?: { silent?: boolean }) => Promise<void>;
  decide: (input: ActionInput<'decideAppeal'>) => Promise<Outcome<Decision>>;
  reset: () => void;
}

const emptyList: ListState = { appeals: [], loading: false, loaded: false, error: null, errorCode: null };
const initialLists = (): Record<AppealStatus, ListState> => ({ pending: { ...emptyList }, accepted: { ...emptyList }, rejected: { ...emptyList } });

const seq: Record<AppealStatus, number> = { pending: 0, accepted: 0, rejected: 0 };

/** Pending: oldest first (first come, first served); decided: latest decision first. */
export function orderAppeals(status: AppealStatus, appeals: readonly AppealView[]): AppealView[] {
  return status === 'pending'
    ? [...appeals].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    : [...appeals].sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
}

/** Hundredths of a credit an accepted appeal put on the ledger. */
export function creditedAmount(decision: Decision): number {
  return decision.entries.reduce((sum, e) => sum + e.amount, 0);
}

export const useAppealsStore = create<AppealsState>()((set, get) => {
  function patch(status: AppealStatus, change: Partial<ListState>): void {
    set({ lists: { ...get().lists, [status]: { ...get().lists[status], ...change } } });
  }

  return {
    lists: initialLists(),
    deciding: null,

    async load(status, opts) {
      await loadReviewList(seq, status, get().lists[status], opts?.silent, (change) => patch(status, change), async () => {
        const { appeals } = await call('listAppeals', { status });
        return { appeals: orderAppeals(status, appeals) };
      });
    },

    async decide(input) {
      if (get().deciding) return { ok: false, code: null, message: '正在提交，请稍候' };
      set({ deciding: input.appealId });
      try {
        const decision = await call('decideAppeal', input);
        const { lists } = get();
        const decided = decision.appeal.status;
        const next = { ...lists, pending: { ...lists.pending, appeals: lists.pending.appeals.filter((a) => a.id !== input.appealId) } };
        if (decided !== 'pending' && lists[decided].loaded) {
          const others = lists[decided].appeals.filter((a) => a.id !== decision.appeal.id);
          next[decided] = { ...lists[decided], appeals: orderAppeals(decided, [decision.appeal, ...others]) };
        }
        set({ lists: next });
        return { ok: true, value: decision };
      } catch (error) {
        // Decided meanwhile by someone else: the lists are stale.
        if (codeOf(error) === 'APPEAL_DECIDED') for (const s of APPEAL_STATUSES) if (get().lists[s].loaded) void get().load(s, { silent: true });
        return { ok: false, code: codeOf(error), message: messageOf(error) };
      } finally {
        set({ deciding: null });
      }
    },

    reset() {
      for (const s of APPEAL_STATUSES) seq[s]++;
      set({ lists: initialLists(), deciding: null });
    },
  };
});

subscribe('identityChanged', () => useAppealsStore.getState().reset());
