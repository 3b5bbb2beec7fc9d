import { create } from 'zustand';
import type { CheckinPurposeName } from '../../../../types/checkin';
import type { AttendanceCountsView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';

/** 活动码 (正扫): the rotating event code students scan to check themselves in; the page refreshes it on time. */
interface EventCodeState {
  eventId: string | null;
  purpose: CheckinPurposeName;
  code: string | null;
  expiresAt: string | null;
  /** When to ask for the next code (ms after the answer). */
  refreshAfterMs: number;
  counts: AttendanceCountsView | null;
  loading: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  load: (eventId: string, purpose?: CheckinPurposeName) => Promise<void>;
  reset: () => void;
}

const initial = {
  eventId: null,
  purpose: 'in' as CheckinPurposeName,
  code: null,
  expiresAt: null,
  refreshAfterMs: 5000,
  counts: null,
  loading: false,
  error: null,
  errorCode: null,
};

let seq = 0;

export const useEventCodeStore = create<EventCodeState>()((set, get) => ({
  ...initial,

  async load(eventId, purpose = get().purpose) {
    const mine = ++seq;
    const changed = eventId !== get().eventId || purpose !== get().purpose;
    set({ eventId, purpose, loading: true, ...(changed ? { code: null, expiresAt: null } : {}) });
    try {
      const answer = await call('getEventCheckinCode', { eventId, purpose });
      if (mine !== seq) return;
      set({ ...answer, loading: false, error: null, errorCode: null });
    } catch (error) {
      if (mine !== seq) return;
      // Retry soon; the code on screen stays until it expires (the page dims it then).
      set({ loading: false, error: messageOf(error), errorCode: codeOf(error), refreshAfterMs: 3000 });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

subscribe('identityChanged', () => useEventCodeStore.getState().reset());
