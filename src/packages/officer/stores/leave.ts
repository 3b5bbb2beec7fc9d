import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';
import { loadReviewList, type ListStatus } from './review-list';
import type { Outcome } from './appeals';

/**
 * 请假审批 (officer subpackage): the leave requests of the events an officer may run check-in for (the committee: all),
 * as the server picks them; approved (no absence mark, the seat passes on) or refused with a reason here.
 */
export type LeaveRequest = ActionOutput<'listLeaveRequests'>['requests'][number];
export type LeaveStatus = LeaveRequest['status'];
export const LEAVE_STATUSES: readonly LeaveStatus[] = ['pending', 'approved', 'refused'];
export type LeaveDecision = ActionOutput<'decideLeave'>;

interface ListState extends ListStatus {
  requests: LeaveRequest[];
}

interface LeaveState {
  lists: Record<LeaveStatus, ListState>;
  /** The request being decided (its key), so its buttons spin and a second tap waits. */
  deciding: string | null;
  /** Decided on this page: whether approving promoted someone from the waitlist, by request key (shown on the card). */
  promoted: Record<string, boolean>;

  load: (status: LeaveStatus, opts?: { silent?: boolean }) => Promise<void>;
  decide: (input: ActionInput<'decideLeave'>) => Promise<Outcome<LeaveDecision>>;
  /** The photo's ten-minute link. */
  photo: (request: LeaveRequest) => Promise<Outcome<string>>;
  reset: () => void;
}

/** One request per student and event. */
export const leaveKey = (r: { eventId: string; studentNo: string }) => `${r.eventId}:${r.studentNo}`;

const emptyList: ListState = { requests: [], loading: false, loaded: false, error: null, errorCode: null };
const initialLists = (): Record<LeaveStatus, ListState> => ({ pending: { ...emptyList }, approved: { ...emptyList }, refused: { ...emptyList } });
const seq: Record<LeaveStatus, number> = { pending: 0, approved: 0, refused: 0 };

/** Pending: the soonest event first (it must be answered before it starts); decided: latest decision first. */
export function orderLeave(status: LeaveStatus, requests: readonly LeaveRequest[]): LeaveRequest[] {
  return status === 'pending'
    ? [...requests].sort((a, b) => a.eventStartAt.localeCompare(b.eventStartAt) || a.createdAt.localeCompare(b.createdAt))
    : [...requests].sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
}

export const useLeaveStore = create<LeaveState>()((set, get) => {
  function patch(status: LeaveStatus, change: Partial<ListState>): void {
    set({ lists: { ...get().lists, [status]: { ...get().lists[status], ...change } } });
  }

  return {
    lists: initialLists(),
    deciding: null,
    promoted: {},

    async load(status, opts) {
      await loadReviewList(seq, status, get().lists[status], opts?.silent, (change) => patch(status, change), async () => {
        const { requests } = await call('listLeaveRequests', { status });
        return { requests: orderLeave(status, requests) };
      });
    },

    async decide(input) {
      if (get().deciding) return { ok: false, code: null, message: '正在提交，请稍候' };
      const key = leaveKey(input);
      set({ deciding: key });
      try {
        const decision = await call('decideLeave', input);
        const { lists } = get();
        // The card stays where it was, now showing the result; the other lists take it in on their next load.
        const row = lists.pending.requests.find((r) => leaveKey(r) === key);
        const next = { ...lists };
        if (row) next.pending = { ...lists.pending, requests: lists.pending.requests.map((r) => (leaveKey(r) === key ? { ...r, ...decision.leave } : r)) };
        const decided = decision.leave.status;
        if (decided !== 'pending' && row && lists[decided].loaded) {
          const others = lists[decided].requests.filter((r) => leaveKey(r) !== key);
          next[decided] = { ...lists[decided], requests: orderLeave(decided, [{ ...row, ...decision.leave }, ...others]) };
        }
        set({ lists: next, promoted: { ...get().promoted, [key]: decision.promoted } });
        return { ok: true, value: decision };
      } catch (error) {
        // Decided meanwhile by someone else, or the registration changed: the lists are stale.
        for (const s of LEAVE_STATUSES) if (get().lists[s].loaded) void get().load(s, { silent: true });
        return { ok: false, code: codeOf(error), message: messageOf(error) };
      } finally {
        set({ deciding: null });
      }
    },

    async photo(request) {
      try {
        const link = await call('getLeavePhoto', { eventId: request.eventId, studentNo: request.studentNo });
        return { ok: true, value: link.url };
      } catch (error) {
        return { ok: false, code: codeOf(error), message: messageOf(error) };
      }
    },

    reset() {
      for (const s of LEAVE_STATUSES) seq[s]++;
      set({ lists: initialLists(), deciding: null, promoted: {} });
    },
  };
});

subscribe('identityChanged', () => useLeaveStore.getState().reset());
