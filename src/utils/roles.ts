import { ROLE_LABELS } from '../../types/enums';
import type { RoleGrantView } from '../../types/models';

/** How a role reads on a chip: `团支部书记 / 组织委员 · 23级软件技术1班团支部`, `院团总支 · 医学院`, `校团委`. */
export function roleText(grant: RoleGrantView): string {
  return grant.scope ? `${ROLE_LABELS[grant.role]} · ${grant.scope}` : ROLE_LABELS[grant.role];
}

/** What the officer entry on 我的 opens, or null when the account holds no officer role. */
export interface OfficerAccess {
  /** The branch to open first: the account's own branch (branch officer), else none until one is typed. */
  branch: string | null;
  /** A college officer or the committee may look at other branches: the members page offers the branch picker. */
  canPickBranch: boolean;
  /** The college whose branches may be picked (a college officer's); null: the whole school (the committee). */
  college: string | null;
  /** One line under the entry, e.g. the branch or the college it covers. */
  hint: string;
}

export function officerAccess(roles: RoleGrantView[]): OfficerAccess | null {
  const branchRole = roles.find((g) => g.role === 'branch_officer' && g.scope);
  const college = roles.find((g) => g.role === 'college_officer');
  const committee = roles.some((g) => g.role === 'committee_admin');
  if (!branchRole && !college && !committee) return null;
  const hint = committee
    ? '校团委：可查看全校各团支部'
    : college
      ? `院团总支：可查看${college.scope || '本学院'}各团支部`
      : branchRole!.scope;
  return {
    branch: branchRole?.scope ?? null,
    canPickBranch: Boolean(college || committee),
    college: committee ? null : (college?.scope || null),
    hint,
  };
}
