import { useDidShow } from '@tarojs/taro';
import type { Role } from '../../../../types/enums';
import { useUserStore } from '../../../stores/user';
import { useCommitteeStore } from '../stores/committee';

export type CommitteeAccess = { state: 'checking' } | { state: 'allowed' } | { state: 'forbidden'; message: string };

/**
 * Who may use a page, by name: the committee's own tools (名单, 角色, 审计, 学分设置, 发件箱); the organisers' (publishing,
 * applications, teams, the dashboard: 院团总支 and 校团委); 学分统计 (院团总支 for their college, 校团委 for all).
 */
export type CommitteeNeed = 'committee' | 'organizer' | 'credits';

const NEEDS: Record<CommitteeNeed, { roles: readonly Role[]; denied: string }> = {
  committee: { roles: ['committee_admin'], denied: '你没有权限进行此操作：当前账号没有“校团委”角色' },
  organizer: { roles: ['committee_admin', 'college_officer'], denied: '你没有权限进行此操作：发布与管理活动仅对院团总支和校团委开放' },
  credits: { roles: ['committee_admin', 'college_officer'], denied: '你没有权限进行此操作：学分统计仅对院团总支和校团委开放' },
};

/**
 * Whether this page may be used: the account's roles as getMe reported them (asked for on show when a deep link
 * opened the page first), and any FORBIDDEN a committee action answered (`forbidden`: the page's own store's, else
 * the committee store's). Display only: the server refuses anyway. When getMe itself failed (offline) the page is
 * shown and the server's answer decides. Pages render the answer with <CommitteeGate>.
 */
export function useCommitteeAccess(need: CommitteeNeed = 'committee', forbidden?: string | null): CommitteeAccess {
  const { roles: allowed, denied } = NEEDS[need];
  const roles = useUserStore((s) => s.roles);
  const loaded = useUserStore((s) => s.loaded);
  const userError = useUserStore((s) => s.error);
  const committeeForbidden = useCommitteeStore((s) => s.forbidden);
  const refusal = forbidden ?? committeeForbidden;

  useDidShow(() => {
    const user = useUserStore.getState();
    if (!user.loaded && !user.loading) void user.getMe({ silent: true });
  });

  if (refusal) return { state: 'forbidden', message: refusal };
  if (!loaded) return userError ? { state: 'allowed' } : { state: 'checking' };
  if (!roles.some((g) => allowed.includes(g.role))) return { state: 'forbidden', message: denied };
  return { state: 'allowed' };
}
