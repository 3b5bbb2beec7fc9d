import type { ActionOutput, ActionParsedInput, RoleGrantView } from '../../../types';
import type { HandlerContext } from '../shared/context';
import { callerRoles } from '../shared/caller';
import { toRoleView } from '../shared/profiles';

const DEFAULT_PAGE_SIZE = 20;
const ACCOUNTS_SHOWN = 20;

/**
 * The roster searched by the start of a name or a student number, a page at a time, and the accounts known by name
 * (teachers who accepted an invitation). Officers use it to pick check-in helpers; the committee also sees each
 * account's roles, to give or take one.
 */
export async function searchRoster(input: ActionParsedInput<'searchRoster'>, ctx: HandlerContext): Promise<ActionOutput<'searchRoster'>> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const committee = (await callerRoles(ctx)).some((g) => g.role === 'committee_admin');
  const [{ students, total }, invited] = await Promise.all([
    ctx.storage.searchStudents(input.query, (page - 1) * pageSize, pageSize),
    page === 1 ? ctx.storage.searchInvitedAccounts(input.query, ACCOUNTS_SHOWN) : Promise.resolve([]),
  ]);
  const rolesByAccount = new Map<string, RoleGrantView[]>();
  if (committee) {
    for (const g of await ctx.storage.listRoleGrants()) rolesByAccount.set(g.openid, [...(rolesByAccount.get(g.openid) ?? []), toRoleView(g)]);
  }
  const bound = new Set(students.flatMap((s) => (s.openid ? [s.openid] : [])));
  return {
    people: students.map((s) => ({
      studentNo: s.studentNo,
      name: s.name,
      college: s.college,
      className: s.className,
      branch: s.branch,
      bound: s.openid !== null,
      roles: s.openid ? (rolesByAccount.get(s.openid) ?? []) : [],
    })),
    total,
    page,
    pageSize,
    // An account bound to a student is listed as the student, not twice.
    accounts: invited.filter((a) => !bound.has(a.openid)).map((a) => ({ account: a.openid, name: a.name, roles: rolesByAccount.get(a.openid) ?? [] })),
  };
}

/** Every branch, grouped by college (the branch picker). */
export async function listBranches(_input: ActionParsedInput<'listBranches'>, ctx: HandlerContext): Promise<ActionOutput<'listBranches'>> {
  const colleges = new Map<string, { college: string; students: number; branches: Array<{ branch: string; students: number }> }>();
  for (const row of await ctx.storage.branchDirectory()) {
    const c = colleges.get(row.college) ?? { college: row.college, students: 0, branches: [] };
    c.students += row.students;
    c.branches.push({ branch: row.branch, students: row.students });
    colleges.set(row.college, c);
  }
  return { colleges: [...colleges.values()] };
}
