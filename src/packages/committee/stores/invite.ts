import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { useUserStore } from '../../../stores/user';

export type InvitationPreview = ActionOutput<'getRoleInvitation'>;
export type Accepted = ActionOutput<'acceptRoleInvitation'>;

interface InviteState {
  code: string;
  phase: 'idle' | 'loading' | 'shown' | 'accepting' | 'accepted' | 'refused';
  preview: InvitationPreview | null;
  accepted: Accepted | null;
  refusal: { code: ClientErrorCode | null; message: string } | null;
  open: (code: string) => Promise<void>;
  accept: () => Promise<void>;
  reset: () => void;
}

const initial = { code: '', phase: 'idle' as const, preview: null, accepted: null, refusal: null };

/** 接受角色邀请: what the invitation grants (shown first), then the acceptance; the account's roles are read again. */
export const useInviteStore = create<InviteState>()((set, get) => ({
  ...initial,

  async open(code) {
    set({ ...initial, code, phase: 'loading' });
    try {
      const preview = await call('getRoleInvitation', { code });
      if (get().code !== code) return;
      set({ preview, phase: 'shown' });
    } catch (error) {
      if (get().code !== code) return;
      set({ phase: 'refused', refusal: { code: codeOf(error), message: messageOf(error) } });
    }
  },

  async accept() {
    const { code, phase } = get();
    if (phase !== 'shown') return;
    set({ phase: 'accepting' });
    try {
      const accepted = await call('acceptRoleInvitation', { code });
      set({ accepted, phase: 'accepted' });
      void useUserStore.getState().getMe({ silent: true });
    } catch (error) {
      set({ phase: 'refused', refusal: { code: codeOf(error), message: messageOf(error) } });
    }
  },

  reset() {
    set(initial);
  },
}));

subscribe('identityChanged', () => useInviteStore.getState().reset());
