import { ApiError } from '../../../types';
import { isSessionLive, type RoleGrant, type StudentRecord } from '../../../core';
import { secretHash } from '../../security/tokens';
import type { HandlerContext } from './context';

/**
 * Who the caller is, resolved lazily and at most once per call (each piece costs a read, and on CloudBase a billed
 * operation): the WeChat account (openid), the roster entry bound to it, and the roles the account holds.
 * In demo mode, X-Demo-User names a student number (acting as that student's account) or an openid.
 */
interface Resolved {
  studentNo?: Promise<string | null>;
  openid?: Promise<string | null>;
  roles?: Promise<RoleGrant[]>;
}
const resolved = new WeakMap<HandlerContext, Resolved>();

function memo(ctx: HandlerContext): Resolved {
  let r = resolved.get(ctx);
  if (!r) resolved.set(ctx, (r = {}));
  return r;
}

export function callerStudentNo(ctx: HandlerContext): Promise<string | null> {
  const r = memo(ctx);
  return (r.studentNo ??= (async () => {
    const { caller, storage } = ctx;
    if (caller.kind === 'wechat') return storage.studentNoByOpenid(caller.openid);
    if (caller.kind === 'session') return storage.studentNoByOpenid((await callerOpenid(ctx))!);
    if (caller.kind === 'demo') {
      return (await storage.hasStudent(caller.user)) ? caller.user : storage.studentNoByOpenid(caller.user);
    }
    return null;
  })());
}

export function callerOpenid(ctx: HandlerContext): Promise<string | null> {
  const r = memo(ctx);
  return (r.openid ??= (async () => {
    const { caller, storage } = ctx;
    if (caller.kind === 'wechat') return caller.openid;
    if (caller.kind === 'session') {
      // An expired, revoked or made-up session is refused outright, so the browser knows to show the login QR again.
      const session = await storage.getWebSession(secretHash(caller.token));
      if (!isSessionLive(session, ctx.now())) throw new ApiError('SESSION_EXPIRED');
      return session.openid;
    }
    if (caller.kind === 'demo') {
      if (!(await storage.hasStudent(caller.user))) return caller.user;
      // Acting as a student means acting as that student's account; a demo student not bound has a stand-in one.
      return (await storage.findStudentByNo(caller.user))?.openid ?? `o-demo-${caller.user}`;
    }
    return null;
  })());
}

export function callerRoles(ctx: HandlerContext): Promise<RoleGrant[]> {
  const r = memo(ctx);
  return (r.roles ??= (async () => {
    const openid = await callerOpenid(ctx);
    return openid ? ctx.storage.rolesOf(openid) : [];
  })());
}

/** Browsing is open to all; acting as a student needs a bound roster entry. */
export async function requireStudentNo(ctx: HandlerContext): Promise<string> {
  const studentNo = await callerStudentNo(ctx);
  if (!studentNo) throw new ApiError('NOT_BOUND');
  return studentNo;
}

/** Binding needs a WeChat identity (an openid), bound or not. */
export async function requireOpenid(ctx: HandlerContext): Promise<string> {
  const openid = await callerOpenid(ctx);
  if (!openid) throw new ApiError('NOT_SIGNED_IN');
  return openid;
}

/** The caller's whole roster entry, for pages that show it. */
export async function currentStudent(ctx: HandlerContext): Promise<StudentRecord | null> {
  const studentNo = await callerStudentNo(ctx);
  return studentNo ? ctx.storage.findStudentByNo(studentNo) : null;
}
