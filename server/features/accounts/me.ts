import { ROLE_LABELS, type ActionOutput, type ActionParsedInput, type DemoUser } from '../../../types';
import type { StudentRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerOpenid, callerRoles, currentStudent } from '../shared/caller';
import { toRoleView, toStudentProfile } from '../shared/profiles';

export async function getMe(_input: ActionParsedInput<'getMe'>, ctx: HandlerContext): Promise<ActionOutput<'getMe'>> {
  const [student, openid, roles] = await Promise.all([currentStudent(ctx), callerOpenid(ctx), callerRoles(ctx)]);
  return {
    signedIn: openid !== null,
    bound: student !== null,
    student: student ? toStudentProfile(student) : null,
    roles: roles.map(toRoleView),
  };
}

/** Demo accounts of WeChat users who have not bound a student yet (any openid unknown to the roster works). */
export const DEMO_NEWCOMERS = ['o-demo-newcomer-1', 'o-demo-newcomer-2'];

/**
 * The dev switch's list (demo mode only): the committee and every officer account, the first student of each
 * league branch, and new WeChat users who have not bound yet.
 */
export async function listDemoUsers(
  _input: ActionParsedInput<'listDemoUsers'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listDemoUsers'>> {
  const students = await ctx.storage.listStudents(5000);
  const byOpenid = new Map(students.filter((s) => s.openid).map((s) => [s.openid!, s]));
  const officers = new Map<string, DemoUser>();
  const grants = await ctx.storage.listRoleGrants();
  // Teachers (no roster entry) are known by the invitation they accepted.
  const invited = await ctx.storage.namesOfAccounts(grants.filter((g) => !byOpenid.has(g.openid)).map((g) => g.openid));
  for (const g of grants) {
    const student = byOpenid.get(g.openid);
    const role = `${ROLE_LABELS[g.role]}${g.scope ? ` · ${g.scope}` : ''}`;
    const known = officers.get(g.openid);
    officers.set(g.openid, {
      id: student?.studentNo ?? g.openid,
      name: student?.name ?? invited.get(g.openid) ?? '校团委老师',
      description: known ? `${known.description}；${role}` : role,
      kind: g.role === 'committee_admin' ? 'admin' : 'officer',
    });
  }
  const firstOfBranch = new Map<string, StudentRecord>();
  for (const s of students) if (s.openid && !firstOfBranch.has(s.branch)) firstOfBranch.set(s.branch, s);
  const newcomers: DemoUser[] = DEMO_NEWCOMERS.map((id, i) => ({
    id,
    name: `新微信用户 ${i + 1}`,
    description: '尚未绑定学号：可绑定名单中未绑定的学生（演示数据里身份证后六位 = 学号后六位）',
    kind: 'unbound',
  }));
  const studentsList: DemoUser[] = [...firstOfBranch.values()].slice(0, 60).map((s) => ({
    id: s.studentNo,
    name: s.name,
    description: `${s.className} · ${s.studentNo}`,
    kind: 'student',
  }));
  return { users: [...officers.values(), ...newcomers, ...studentsList] };
}
