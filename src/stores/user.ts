import { create } from 'zustand';
import type { ActionInput } from '../../types/actions';
import type { DemoUser, RoleGrantView, StudentProfile } from '../../types/models';
import { call, codeOf, messageOf } from '../services/api';
import type { ClientErrorCode } from '../services/api-error';
import { getDemoUser, setDemoUser } from '../services/demo-identity';
import { fetchDemoUsers } from '../services/demo-users';
import { endWebLogin } from '../services/web-logout';
import { getWebSession, onWebSessionEnded, setWebSession } from '../services/web-session';
import { publish } from './session-events';

export type BindInput = ActionInput<'bindStudent'>;

export type BindResult = { ok: true; student: StudentProfile } | { ok: false; code: ClientErrorCode | null; message: string };

/** The outcome of confirming a web login from the mini program (scan), or the server's refusal. */
export type ConfirmWebLoginResult = { ok: true } | { ok: false; code: ClientErrorCode | null; message: string };

interface UserState {
  /**
   * True when the caller has a WeChat identity (always on weapp; on H5 as a demo account or through web login) and
   * so can bind.
   */
  signedIn: boolean;
  bound: boolean;
  student: StudentProfile | null;
  /** Officer and committee roles of the account, each scoped to a branch or a college. */
  roles: RoleGrantView[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  /** True while a bindStudent call is in flight. */
  binding: boolean;

  /** H5 demo mode only: who the tester is acting as (X-Demo-User), and whom they may switch to. */
  demoUser: string | null;
  demoUsers: DemoUser[];
  /** False when the server is not in demo mode (listDemoUsers refused) or on weapp: hide the switch. */
  demoAvailable: boolean;
  /** H5 only: a web-login session token is stored and sent (Authorization: Bearer). Always false on weapp. */
  webSession: boolean;

  getMe: (opts?: { silent?: boolean }) => Promise<void>;
  bindStudent: (input: BindInput) => Promise<BindResult>;
  /** 我的数据 → 解除绑定: this account stops acting as the student (the records stay with the student number). */
  unbindMyself: () => Promise<ConfirmWebLoginResult>;
  loadDemoUsers: () => Promise<void>;
  selectDemoUser: (id: string | null) => Promise<void>;
  /** H5: the login page got a session token (pollWebLogin confirmed): keep it and act as that account. */
  startWebSession: (token: string) => Promise<void>;
  /** H5: 退出网页登录. Revokes the session on the server, then forgets the token whatever the answer. */
  endWebSession: () => Promise<void>;
  /** weapp: the WeChat user scanned a login QR code and agreed; the browser holding the ticket signs in as them. */
  confirmWebLogin: (ticket: string) => Promise<ConfirmWebLoginResult>;
}

// An answer for an identity the tester has since switched away from must not overwrite the newer one.
let meSeq = 0;

export const useUserStore = create<UserState>()((set, get) => ({
  signedIn: false,
  bound: false,
  student: null,
  roles: [],
  loading: false,
  loaded: false,
  error: null,
  binding: false,
  demoUser: getDemoUser(),
  demoUsers: [],
  demoAvailable: false,
  webSession: getWebSession() !== null,

  async getMe(opts) {
    const seq = ++meSeq;
    set({ loading: !opts?.silent || !get().loaded, error: null });
    try {
      const me = await call('getMe', {});
      if (seq !== meSeq) return;
      set({ signedIn: me.signedIn, bound: me.bound, student: me.student, roles: me.roles, loading: false, loaded: true });
    } catch (error) {
      if (seq !== meSeq) return;
      set({ loading: false, error: messageOf(error) });
    }
  },

  async bindStudent(input) {
    if (get().binding) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ binding: true });
    try {
      const { student } = await call('bindStudent', input);
      meSeq++; // an older getMe answer (unbound) must not undo this
      set({ bound: true, student, signedIn: true, error: null, loaded: true });
      // The account now acts as this student: sign-up states and 我的报名 change with it.
      publish('identityChanged');
      void get().getMe({ silent: true });
      return { ok: true, student };
    } catch (error) {
      const code = codeOf(error);
      // Bound meanwhile (another device, or a stale page): show the truth.
      if (code === 'ALREADY_BOUND' || code === 'NOT_SIGNED_IN') void get().getMe({ silent: true });
      return { ok: false, code, message: messageOf(error) };
    } finally {
      set({ binding: false });
    }
  },

  async unbindMyself() {
    if (get().binding) return { ok: false, code: null, message: '正在提交，请稍候' };
    set({ binding: true });
    try {
      await call('unbindMyself', { confirm: '解除绑定' });
      meSeq++; // an older getMe answer (bound) must not undo this
      set({ bound: false, student: null, error: null });
      publish('identityChanged');
      void get().getMe({ silent: true });
      return { ok: true };
    } catch (error) {
      const code = codeOf(error);
      if (code === 'NOT_BOUND') void get().getMe({ silent: true });
      return { ok: false, code, message: messageOf(error) };
    } finally {
      set({ binding: false });
    }
  },

  async loadDemoUsers() {
    // null: not in demo mode (FORBIDDEN), unreachable, or the weapp build: keep the switch hidden.
    const users = await fetchDemoUsers();
    set(users ? { demoUsers: users, demoAvailable: true } : { demoUsers: [], demoAvailable: false });
  },

  async selectDemoUser(id) {
    if (id === get().demoUser) return;
    setDemoUser(id);
    set({ demoUser: id });
    publish('identityChanged');
    await get().getMe({ silent: true });
  },

  async startWebSession(token) {
    setWebSession(token);
    // Logging in on purpose: a demo identity left from testing would take precedence (X-Demo-User) and hide it.
    setDemoUser(null);
    set({ webSession: true, demoUser: null });
    publish('identityChanged');
    await get().getMe({ silent: true });
  },

  async endWebSession() {
    await endWebLogin();
    set({ webSession: false });
    publish('identityChanged');
    await get().getMe({ silent: true });
  },

  async confirmWebLogin(ticket) {
    try {
      await call('confirmWebLogin', { ticket });
      return { ok: true };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    }
  },
}));

// The server refused the stored session (expired, revoked elsewhere): the transport dropped it; show who we are now
// (anonymous: 我的 offers the login again).
onWebSessionEnded(() => {
  useUserStore.setState({ webSession: false });
  publish('identityChanged');
  void useUserStore.getState().getMe({ silent: true });
});

/**
 * Whether the demo chip (演示身份：…) belongs in a header: demo mode, and not while a web-login session is who the
 * server sees (no demo identity picked), where it would read 匿名访客 for a signed-in officer.
 */
export function selectDemoChipShown(s: UserState): boolean {
  return s.demoAvailable && (s.demoUser !== null || !s.webSession);
}

/** The display name of the current demo identity, if the tester picked one that the server knows. */
export function selectDemoName(s: UserState): string | null {
  if (!s.demoUser) return null;
  return s.demoUsers.find((u) => u.id === s.demoUser)?.name ?? s.student?.name ?? s.demoUser;
}
