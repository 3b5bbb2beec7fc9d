import { create } from 'zustand';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { useTranscriptStore } from '../../../stores/transcript';
import { findShare, forgetShare, rememberShare, type IssuedShare } from '../services/issued-shares';

export type RevokeResult = { ok: true } | { ok: false; code: ClientErrorCode | null; message: string };

interface ShareState {
  /** Options of the next share. */
  includeTimeline: boolean;
  showStudentNo: boolean;
  creating: boolean;
  error: string | null;
  /** The share shown on the share and print pages: just issued, or one issued earlier on this phone. */
  current: IssuedShare | null;
  /** The share being revoked. */
  revoking: string | null;

  setOption: (option: 'includeTimeline' | 'showStudentNo', value: boolean) => void;
  create: () => Promise<IssuedShare | null>;
  /** Shows a share issued earlier on this phone; false when this phone does not hold its code. */
  show: (shareId: string) => boolean;
  /** Back to the options, for a new share. */
  startOver: () => void;
  revoke: (shareId: string) => Promise<RevokeResult>;
}

/**
 * 生成可验证成绩单 and 撤回 (transcript subpackage). A share fixes what the student chose to show at that moment (the
 * server's snapshot); its code is shown once by the server, so this phone keeps it (issued-shares.ts) for the share
 * and print pages. The transcript (main store) is refreshed after each change, since it lists the shares.
 */
export const useShareStore = create<ShareState>()((set, get) => ({
  includeTimeline: true,
  showStudentNo: false,
  creating: false,
  error: null,
  current: null,
  revoking: null,

  setOption(option, value) {
    set({ [option]: value } as Pick<ShareState, typeof option>);
  },

  async create() {
    if (get().creating) return null;
    set({ creating: true, error: null });
    try {
      const issued = await call('createTranscriptShare', { includeTimeline: get().includeTimeline, showStudentNo: get().showStudentNo });
      rememberShare(issued);
      set({ current: issued, creating: false });
      void useTranscriptStore.getState().load({ silent: true });
      return issued;
    } catch (error) {
      set({ creating: false, error: messageOf(error) });
      return null;
    }
  },

  show(shareId) {
    const share = findShare(shareId);
    set({ current: share, error: null });
    return share !== null;
  },

  startOver() {
    set({ current: null, error: null });
  },

  async revoke(shareId) {
    if (get().revoking) return { ok: false, code: null, message: '正在撤回，请稍候' };
    set({ revoking: shareId });
    try {
      await call('revokeTranscriptShare', { shareId });
      forgetShare(shareId);
      if (get().current?.shareId === shareId) set({ current: null });
      await useTranscriptStore.getState().load({ silent: true });
      return { ok: true };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ revoking: null });
    }
  },
}));

subscribe('identityChanged', () => useShareStore.setState({ current: null, error: null }));
