import { create } from 'zustand';
import type { ActionOutput } from '../../types/actions';
import type { AppealView } from '../../types/models';
import { call, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import { subscribe } from './session-events';

export type MyTranscript = ActionOutput<'getMyTranscript'>;

export type AppealResult = { ok: true; appeal: AppealView } | { ok: false; code: ClientErrorCode | null; message: string };

interface TranscriptState {
  /** The student's own transcript (getMyTranscript); null until loaded or for a caller who is not a bound student. */
  transcript: MyTranscript | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  /** The event whose appeal is being sent. */
  appealing: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  fileAppeal: (eventId: string, note: string) => Promise<AppealResult>;
}

// An answer for an identity the tester has since switched away from must not overwrite the newer one.
let loadSeq = 0;

/**
 * 我的学分 in the main package: the transcript that 我的 (the total on its card), the event page (credited yet? an
 * appeal?) and the transcript subpackage all read, and 学分申诉. Sharing, revoking and verifying live in the
 * transcript subpackage's own stores.
 */
export const useTranscriptStore = create<TranscriptState>()((set, get) => ({
  transcript: null,
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,
  appealing: null,

  async load(opts) {
    const seq = ++loadSeq;
    set({ loading: !opts?.silent || !get().loaded, error: null, errorCode: null });
    try {
      const transcript = await call('getMyTranscript', {});
      if (seq !== loadSeq) return;
      set({ transcript, loading: false, loaded: true });
    } catch (error) {
      if (seq !== loadSeq) return;
      const code = codeOf(error);
      // Not a bound student (any more): there is no transcript to show, whatever was shown before.
      const gone = code === 'NOT_BOUND' || code === 'NOT_SIGNED_IN';
      set({ loading: false, error: messageOf(error), errorCode: code, ...(gone ? { transcript: null, loaded: true } : {}) });
    }
  },

  async fileAppeal(eventId, note) {
    if (get().appealing) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ appealing: eventId });
    try {
      const { appeal } = await call('fileAppeal', { eventId, note });
      set((s) => ({
        transcript: s.transcript ? { ...s.transcript, appeals: [appeal, ...s.transcript.appeals.filter((a) => a.id !== appeal.id)] } : s.transcript,
      }));
      void get().load({ silent: true });
      return { ok: true, appeal };
    } catch (error) {
      const code = codeOf(error);
      // Already credited or already appealed elsewhere: show the truth.
      if (code === 'APPEAL_ALREADY_CREDITED' || code === 'APPEAL_EXISTS') void get().load({ silent: true });
      return { ok: false, code, message: messageOf(error) };
    } finally {
      set({ appealing: null });
    }
  },
}));

subscribe('identityChanged', () => {
  loadSeq++;
  useTranscriptStore.setState({ transcript: null, loaded: false, loading: false, error: null, errorCode: null });
});

/** The appeal of one event (the newest, if re-filed after a rejection). */
export function appealOf(transcript: MyTranscript | null, eventId: string): AppealView | null {
  if (!transcript) return null;
  const mine = transcript.appeals.filter((a) => a.eventId === eventId);
  return mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}
