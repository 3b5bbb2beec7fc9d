import { ApiError, type ActionOutput, type ActionParsedInput, type StudentProfile } from '../../types';
import type { StudentRecord } from '../domain';
import type { HandlerContext } from './context';
import { currentStudent } from './identity';

function profile(s: StudentRecord): StudentProfile {
  return {
    studentNo: s.studentNo, name: s.name, college: s.college, className: s.className, branch: s.branch,
    grade: s.grade, isLeagueMember: s.isLeagueMember,
  };
}

export async function getMe(_input: ActionParsedInput<'getMe'>, ctx: HandlerContext): Promise<ActionOutput<'getMe'>> {
  const student = await currentStudent(ctx);
  return { bound: student !== null, student: student ? profile(student) : null };
}

/** The dev switch's list: the first student of each league branch, for variety. Demo mode only. */
export async function listDemoUsers(
  _input: ActionParsedInput<'listDemoUsers'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listDemoUsers'>> {
  if (!ctx.demoMode) throw new ApiError('FORBIDDEN', '演示用户切换仅在本地演示模式下可用');
  const firstOfBranch = new Map<string, StudentRecord>();
  for (const s of await ctx.storage.listStudents(2000)) if (!firstOfBranch.has(s.branch)) firstOfBranch.set(s.branch, s);
  return { users: [...firstOfBranch.values()].slice(0, 60).map(profile) };
}
