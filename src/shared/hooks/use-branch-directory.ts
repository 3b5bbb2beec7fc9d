import { create } from 'zustand';
import type { ActionOutput } from '../../../types/actions';
import { call, messageOf } from '../../services/api';
import { subscribe } from '../../stores/session-events';

export type BranchDirectory = ActionOutput<'listBranches'>['colleges'];

interface BranchDirectoryState {
  /** Every branch by college (listBranches); loaded once per identity. */
  colleges: BranchDirectory | null;
  error: string | null;
  load: () => Promise<void>;
  reset: () => void;
}

/** The roster's branches grouped by college, shared by every branch picker (committee and officers). */
export const useBranchDirectory = create<BranchDirectoryState>()((set, get) => ({
  colleges: null,
  error: null,
  async load() {
    if (get().colleges) return;
    try {
      const { colleges } = await call('listBranches', {});
      set({ colleges, error: null });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  reset() {
    set({ colleges: null, error: null });
  },
}));

subscribe('identityChanged', () => useBranchDirectory.getState().reset());
