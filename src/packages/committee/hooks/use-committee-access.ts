import { useDidShow } from '@tarojs/taro';
import type { Role } from '../../../../types/enums';
import { useCommitteeStore } from '../stores/committee';
import { useUserStore } from '../../../stores/user';

export type CommitteeAccess = { state: 'checking' } | { state: 'allowed' } | { state: 'forbidden'; message: string };

const NOT_COMMITTEE = '你没有权限进行此操作：当前账号没有“校团委”角色';
const NOT_COLLEGE = '你没有权限进行此操作：学分统计仅对院团总支和校团委开放';

interface Options {
  /** Roles that may use the page: the committee by default; 学分统计 also lets college officers in. */
  roles?: readonly Role[];
  /** A FORBIDDEN sentence the page's own store received (pages whose actions are not in the committee store). */
  forbidden?: string | null;
  /** The sentence when the account lacks the roles (by default the committee's, or 学分统计's). */
  deniedMessage?: string;
}

/**
 * Whether this page may be used: the account's roles as getMe reported them (asked for on show when a deep link
 * opened the page first), and any FORBIDDEN a committee action answered. Display only: the server refuses anyway.
 * When getMe itself failed (offline) the page is shown and the server's answer decides.
 */
export function useCommitteeAccess(options: Options = {}): CommitteeAccess {
  const allowed = options.roles ?? ['committee_admin'];
  const roles = useUserStore((s) => s.roles);
  const loaded = useUserStore((s) => s.loaded);
  const userError = useUserStore((s) => s.error);
  const committeeForbidden = useCommitteeStore((s) => s.forbidden);
  const forbidden = options.forbidden ?? committeeForbidden;

  useDidShow(() => {
    const user = useUserStore.getState();
    if (!user.loaded && !user.loading) void user.getMe({ silent: true });
  });

  if (forbidden) return { state: 'forbidden', message: forbidden };
  if (!loaded) return userError ? { state: 'allowed' } : { state: 'checking' };
  if (!roles.some((g) => allowed.includes(g.role))) {
    return { state: 'forbidden', message: options.deniedMessage ?? (allowed.includes('college_officer') ? NOT_COLLEGE : NOT_COMMITTEE) };
  }
  return { state: 'allowed' };
}
