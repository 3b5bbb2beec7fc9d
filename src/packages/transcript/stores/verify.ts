import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';

export type VerifiedTranscript = ActionOutput<'verifyTranscript'>;

/**
 * Why a code was not accepted, in the words the holder can act on (the server's sentence): a code that matches no
 * transcript (mistyped, changed, made up), a transcript its holder revoked, too many lookups from here, or no answer.
 */
export type VerifyRefusal = { code: ClientErrorCode | null; message: string };

export type VerifyPhase = 'idle' | 'checking' | 'valid' | 'refused';

interface VerifyState {
  phase: VerifyPhase;
  /** The code that was checked (as sent). */
  checked: string | null;
  result: VerifiedTranscript | null;
  refusal: VerifyRefusal | null;
  verify: (code: string) => Promise<void>;
  reset: () => void;
}

let seq = 0;

/** 成绩单验证 (public, no login): one lookup per tap; the server rate-limits and answers with the issued snapshot. */
export const useVerifyStore = create<VerifyState>()((set) => ({
  phase: 'idle',
  checked: null,
  result: null,
  refusal: null,

  async verify(code) {
    const mine = ++seq;
    set({ phase: 'checking', checked: code, refusal: null });
    try {
      const result = await call('verifyTranscript', { code });
      if (mine !== seq) return;
      set({ phase: 'valid', result, refusal: null });
    } catch (error) {
      if (mine !== seq) return;
      set({ phase: 'refused', result: null, refusal: { code: codeOf(error), message: messageOf(error) } });
    }
  },

  reset() {
    seq++;
    set({ phase: 'idle', checked: null, result: null, refusal: null });
  },
}));
