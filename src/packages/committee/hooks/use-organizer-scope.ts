import { useUserStore } from '../../../stores/user';

/** Who the account works for: the committee (the whole school) or one college (院团总支). */
export function useOrganizerScope(): { committee: boolean; college: string | null } {
  const roles = useUserStore((s) => s.roles);
  const committee = roles.some((g) => g.role === 'committee_admin');
  const college = committee ? null : roles.find((g) => g.role === 'college_officer')?.scope || null;
  return { committee, college };
}
