import { ApiError } from '../../types';
import type { StudentRecord } from '../domain';
import type { HandlerContext } from './context';

/** The roster entry bound to the caller, or null (anonymous, or a WeChat user not yet bound to a student). */
export async function currentStudent(ctx: HandlerContext): Promise<StudentRecord | null> {
  const { caller, storage } = ctx;
  if (caller.kind === 'wechat') return storage.findStudentByOpenid(caller.openid);
  if (caller.kind === 'demo') {
    return (await storage.findStudentByNo(caller.user)) ?? (await storage.findStudentByOpenid(caller.user));
  }
  return null;
}

/** Like currentStudent, but refuses with NOT_BOUND: browsing is open to all, signing up needs a bound student. */
export async function requireStudent(ctx: HandlerContext): Promise<StudentRecord> {
  const student = await currentStudent(ctx);
  if (!student) throw new ApiError('NOT_BOUND');
  return student;
}
