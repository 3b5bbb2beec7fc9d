import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import type { RoleInvitationView } from '../../../../types/people-actions';
import { call, codeOf, messageOf } from '../../../services/api';
import { subscribe } from '../../../stores/session-events';

export type CreatedInvitation = ActionOutput<'createRoleInvitation'>;

interface PeopleState {
  invitations: RoleInvitationView[];
  invitationsLoaded: boolean;
  invitationsError: string | null;
  /** The invitation just made: its code is shown once. */
  created: CreatedInvitation | null;
  creating: boolean;
  createError: string | null;
  forbidden: string | null;

  loadInvitations: () => Promise<void>;
  createInvitation: (input: ActionInput<'createRoleInvitation'>) => Promise<boolean>;
  revokeInvitation: (id: string) => Promise<string | null>;
  reset: () => void;
}

const initial = {
  invitations: [],
  invitationsLoaded: false,
  invitationsError: null,
  created: null,
  creating: false,
  createError: null,
  forbidden: null,
};

/** The committee's people tools: role invitations (角色管理); the branch directory is shared (useBranchDirectory). */
export const usePeopleStore = create<PeopleState>()((set, get) => {
  const noteForbidden = (error: unknown) => {
    if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
  };
  return {
    ...initial,

    async loadInvitations() {
      try {
        const { invitations } = await call('listRoleInvitations', {});
        set({ invitations, invitationsLoaded: true, invitationsError: null });
      } catch (error) {
        noteForbidden(error);
        set({ invitationsLoaded: true, invitationsError: messageOf(error) });
      }
    },

    async createInvitation(input) {
      if (get().creating) return false;
      set({ creating: true, createError: null });
      try {
        const created = await call('createRoleInvitation', input);
        set({ created, creating: false, invitations: [created.invitation, ...get().invitations] });
        return true;
      } catch (error) {
        noteForbidden(error);
        set({ creating: false, createError: messageOf(error) });
        return false;
      }
    },

    async revokeInvitation(id) {
      try {
        const { invitation } = await call('revokeRoleInvitation', { invitationId: id });
        set({ invitations: get().invitations.map((i) => (i.id === id ? invitation : i)) });
        return null;
      } catch (error) {
        noteForbidden(error);
        return messageOf(error);
      }
    },

    reset() {
      set(initial);
    },
  };
});

subscribe('identityChanged', () => usePeopleStore.getState().reset());
