import { useUserStore } from '../../../stores/user';

/** Who the account works for: the committee (the whole school) or one college (院团总支). */
export function useOrganizerScope(): { committee: boolean; college: string | null } {
  const roles = useUserStore((s) => s.roles);
  const committee = roles.some((g) => g.role === 'committee_admin');
  const college = committee ? null : roles.find((g) => g.role === 'college_officer')?.scope || null;
  return { committee, college };
}

export const ORGANIZER_ROLES = ['committee_admin', 'college_officer'] as const;
export const NOT_ORGANIZER = '你没有权限进行此操作：发布与管理活动仅对院团总支和校团委开放';
