import { ApiError, type ActionOutput, type ActionParsedInput, type Role } from '../../../types';
import { grantCoversBranch } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { toMember, toRoleView } from '../shared/profiles';

/** The account a committee admin names: a bound student's account by student number, or an openid (teachers). */
async function accountOf(ref: string, ctx: HandlerContext): Promise<string> {
  const student = await ctx.storage.findStudentByNo(ref);
  if (!student) return ref;
  if (!student.openid) throw new ApiError('NOT_FOUND', '该学生尚未绑定微信，绑定后才能授予角色');
  return student.openid;
}

export async function checkScope(role: Role, scope: string, ctx: HandlerContext): Promise<void> {
  if (role === 'committee_admin') {
    if (scope !== '') throw new ApiError('INVALID_INPUT', '校团委角色不需要范围，请留空');
    return;
  }
  // A judge of the whole school ('') judges any round; a college's judge only that college's rounds.
  if (role === 'contest_judge') return;
  if (!scope) throw new ApiError('INVALID_INPUT', role === 'branch_officer' ? '请填写所属团支部' : '请填写所属学院');
  if (role === 'branch_officer' && (await ctx.storage.listStudentsOfBranch(scope)).length === 0) {
    throw new ApiError('INVALID_INPUT', `名单中没有“${scope}”这个团支部`);
  }
}

export async function grantRole(input: ActionParsedInput<'grantRole'>, ctx: HandlerContext): Promise<ActionOutput<'grantRole'>> {
  const actor = await requireOpenid(ctx);
  await checkScope(input.role, input.scope, ctx);
  const openid = await accountOf(input.account, ctx);
  const grant = { openid, role: input.role, scope: input.scope, grantedBy: actor, grantedAt: ctx.now().toISOString() };
  const roles = await ctx.storage.grantRole(grant, auditDraft(ctx, actor, 'grantRole', openid, { role: input.role, scope: input.scope }));
  return { openid, roles: roles.map(toRoleView) };
}

export async function revokeRole(input: ActionParsedInput<'revokeRole'>, ctx: HandlerContext): Promise<ActionOutput<'revokeRole'>> {
  const actor = await requireOpenid(ctx);
  const openid = await accountOf(input.account, ctx);
  const roles = await ctx.storage.revokeRole(
    openid,
    input.role,
    input.scope,
    auditDraft(ctx, actor, 'revokeRole', openid, { role: input.role, scope: input.scope }),
  );
  return { openid, roles: roles.map(toRoleView) };
}

/** Branch officers see their own branch, college officers the branches of their college, the committee all. */
export async function listBranchMembers(
  input: ActionParsedInput<'listBranchMembers'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listBranchMembers'>> {
  const members = await ctx.storage.listStudentsOfBranch(input.branch);
  const college = members[0]?.college ?? null;
  const roles = await callerRoles(ctx);
  if (!roles.some((g) => grantCoversBranch(g, input.branch, college))) {
    throw new ApiError('FORBIDDEN', '只能查看本团支部（或本学院）的成员');
  }
  return { branch: input.branch, members: members.map(toMember) };
}
