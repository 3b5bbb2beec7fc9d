import { useDidShow } from '@tarojs/taro';
import { useCommitteeStore } from '../../stores/committee';
import { useUserStore } from '../../stores/user';

export type CommitteeAccess = { state: 'checking' } | { state: 'allowed' } | { state: 'forbidden'; message: string };

const NOT_COMMITTEE = '你没有权限进行此操作：当前账号没有“校团委”角色';

/**
 * Whether this page may be used: the account's roles as getMe reported them (asked for on show when a deep link
 * opened the page first), and any FORBIDDEN a committee action answered. Display only: the server refuses anyway.
 * When getMe itself failed (offline) the page is shown and the server's answer decides.
 */
export function useCommitteeAccess(): CommitteeAccess {
  const roles = useUserStore((s) => s.roles);
  const loaded = useUserStore((s) => s.loaded);
  const userError = useUserStore((s) => s.error);
  const forbidden = useCommitteeStore((s) => s.forbidden);

  useDidShow(() => {
    const user = useUserStore.getState();
    if (!user.loaded && !user.loading) void user.getMe({ silent: true });
  });

  if (forbidden) return { state: 'forbidden', message: forbidden };
  if (!loaded) return userError ? { state: 'allowed' } : { state: 'checking' };
  if (!roles.some((g) => g.role === 'committee_admin')) return { state: 'forbidden', message: NOT_COMMITTEE };
  return { state: 'allowed' };
}
