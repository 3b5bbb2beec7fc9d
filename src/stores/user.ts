import { create } from 'zustand';
import type { StudentProfile } from '../../types/models';
import { call, messageOf } from '../services/api';
import { getDemoUser, setDemoUser } from '../services/demo-identity';
import { fetchDemoUsers } from '../services/demo-users';
import { publish } from './session-events';

interface UserState {
  bound: boolean;
  student: StudentProfile | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;

  /** H5 demo mode only: who the tester is acting as, and whom they may switch to. */
  demoUser: string | null;
  demoUsers: StudentProfile[];
  /** False when the server is not in demo mode (listDemoUsers refused) or on weapp: hide the switch. */
  demoAvailable: boolean;

  getMe: (opts?: { silent?: boolean }) => Promise<void>;
  loadDemoUsers: () => Promise<void>;
  selectDemoUser: (studentNo: string | null) => Promise<void>;
}

export const useUserStore = create<UserState>()((set, get) => ({
  bound: false,
  student: null,
  loading: false,
  loaded: false,
  error: null,
  demoUser: getDemoUser(),
  demoUsers: [],
  demoAvailable: false,

  async getMe(opts) {
    set({ loading: !opts?.silent || !get().loaded, error: null });
    try {
      const me = await call('getMe', {});
      set({ bound: me.bound, student: me.student, loading: false, loaded: true });
    } catch (error) {
      set({ loading: false, error: messageOf(error) });
    }
  },

  async loadDemoUsers() {
    // null: not in demo mode (FORBIDDEN), unreachable, or the weapp build: keep the switch hidden.
    const users = await fetchDemoUsers();
    set(users ? { demoUsers: users, demoAvailable: true } : { demoUsers: [], demoAvailable: false });
  },

  async selectDemoUser(studentNo) {
    if (studentNo === get().demoUser) return;
    setDemoUser(studentNo);
    set({ demoUser: studentNo });
    publish('identityChanged');
    await get().getMe({ silent: true });
  },
}));

/** The display name of the current demo identity, if the tester picked one that the server knows. */
export function selectDemoName(s: UserState): string | null {
  if (!s.demoUser) return null;
  return s.demoUsers.find((u) => u.studentNo === s.demoUser)?.name ?? s.student?.name ?? s.demoUser;
}
