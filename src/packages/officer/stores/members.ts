import { create } from 'zustand';
import type { Member } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';

/**
 * 团支部成员: a branch's members as its officers see them. It lives in the subpackage, so it ships there and not in
 * the main package.
 */
interface OfficerState {
  /** The branch shown (or being loaded); null until one is asked for. */
  branch: string | null;
  members: Member[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  /** FORBIDDEN: the caller is a student, or an officer of another branch or college. */
  errorCode: ClientErrorCode | null;

  loadMembers: (branch: string, opts?: { silent?: boolean }) => Promise<void>;
  reset: () => void;
}

const initial = { branch: null, members: [], loading: false, loaded: false, error: null, errorCode: null };

let seq = 0;

export const useOfficerStore = create<OfficerState>()((set, get) => ({
  ...initial,

  async loadMembers(branch, opts) {
    const mine = ++seq;
    const same = branch === get().branch && get().loaded;
    set({
      branch,
      loading: !opts?.silent || !same,
      error: null,
      errorCode: null,
      ...(same ? {} : { members: [], loaded: false }),
    });
    try {
      const answer = await call('listBranchMembers', { branch });
      if (mine !== seq) return;
      set({ branch: answer.branch, members: answer.members, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      set({ members: [], loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

export interface MemberCounts {
  total: number;
  bound: number;
  leagueMembers: number;
}

export function countMembers(members: Member[]): MemberCounts {
  let bound = 0;
  let leagueMembers = 0;
  for (const m of members) {
    if (m.bound) bound++;
    if (m.isLeagueMember) leagueMembers++;
  }
  return { total: members.length, bound, leagueMembers };
}

// Another identity (H5 demo switch) must not see the previous one's list, even for a moment.
subscribe('identityChanged', () => useOfficerStore.getState().reset());
