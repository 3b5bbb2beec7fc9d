import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';

export type Poster = ActionOutput<'getEventPoster'>;

interface PosterState {
  poster: Poster | null;
  loading: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;

  load: (eventId: string) => Promise<void>;
  reset: () => void;
}

let seq = 0;

/**
 * 活动海报 (committee subpackage): the event's facts and its 小程序码, made once per event on the server and answered
 * as a short-lived link (asked again on each show, so the link is fresh).
 */
export const usePosterStore = create<PosterState>()((set) => ({
  poster: null,
  loading: false,
  error: null,
  errorCode: null,

  async load(eventId) {
    const mine = ++seq;
    set((s) => ({ loading: true, error: null, errorCode: null, poster: s.poster?.event.id === eventId ? s.poster : null }));
    try {
      const poster = await call('getEventPoster', { eventId });
      if (mine !== seq) return;
      set({ poster, loading: false });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  reset() {
    seq++;
    set({ poster: null, loading: false, error: null, errorCode: null });
  },
}));

subscribe('identityChanged', () => usePosterStore.getState().reset());
