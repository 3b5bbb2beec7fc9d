import { ApiError } from '../../types';
import type { StudentRecord } from '../domain';
import type { HandlerContext } from './context';

/**
 * The student number of the roster entry bound to the caller, or null (anonymous, or a WeChat user not yet bound).
 * Most actions need only this key; it is read without the rest of the record because every call pays for it.
 */
export async function callerStudentNo(ctx: HandlerContext): Promise<string | null> {
  const { caller, storage } = ctx;
  if (caller.kind === 'wechat') return storage.studentNoByOpenid(caller.openid);
  if (caller.kind === 'demo') {
    return (await storage.hasStudent(caller.user)) ? caller.user : storage.studentNoByOpenid(caller.user);
  }
  return null;
}

/** Like callerStudentNo, but refuses with NOT_BOUND: browsing is open to all, signing up needs a bound student. */
export async function requireStudentNo(ctx: HandlerContext): Promise<string> {
  const studentNo = await callerStudentNo(ctx);
  if (!studentNo) throw new ApiError('NOT_BOUND');
  return studentNo;
}

/** The caller's whole roster entry, for pages that show it. */
export async function currentStudent(ctx: HandlerContext): Promise<StudentRecord | null> {
  const studentNo = await callerStudentNo(ctx);
  return studentNo ? ctx.storage.findStudentByNo(studentNo) : null;
}
