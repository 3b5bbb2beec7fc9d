import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { bindingMatches, bindRefusal, isLocked, triesLeft } from '../../../core';
import { secondFactorMatches } from '../../security/second-factor';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerStudentNo, requireOpenid } from '../shared/caller';
import { toStudentProfile } from '../shared/profiles';

/**
 * A WeChat account binds itself to one roster entry by 学号 + 姓名 (+ the ID's last six where the roster has them).
 * Guessing is stopped: every guess first takes one of the account's five tries (atomically, where the data lives), the
 * fifth locks the account for 15 minutes, and a guess with no try left is refused unchecked — so a burst of guesses
 * sent at once checks five at most. The answer to a mismatch never says which part was wrong.
 */
export async function bindStudent(input: ActionParsedInput<'bindStudent'>, ctx: HandlerContext): Promise<ActionOutput<'bindStudent'>> {
  const openid = await requireOpenid(ctx);
  const now = ctx.now();
  if (await callerStudentNo(ctx)) throw new ApiError('ALREADY_BOUND');
  const { granted, attempts } = await ctx.storage.claimBindAttempt(openid, now);
  if (!granted) throw new ApiError('BIND_LOCKED');

  const student = await ctx.storage.findStudentByNo(input.studentNo);
  const secondFactorOk = student ? secondFactorMatches(ctx.idHashKey, input.idLast6, student.secondFactorHash) : false;
  if (!bindingMatches(student, input.name, secondFactorOk)) {
    if (isLocked(attempts, now)) throw new ApiError('BIND_LOCKED');
    // The same words whatever was wrong, so that the answer does not reveal which student numbers exist.
    throw new ApiError('BIND_MISMATCH', `学号、姓名或身份证后六位与名单不一致，请核对后重试（还可尝试 ${triesLeft(attempts)} 次）`);
  }

  const write = await ctx.storage.bindStudent(
    student!.studentNo,
    openid,
    auditDraft(ctx, openid, 'bindStudent', student!.studentNo, { openid }),
  );
  if (write !== 'bound') throw new ApiError(bindRefusal(write));
  return { student: toStudentProfile(student!) };
}

export async function unbindStudent(input: ActionParsedInput<'unbindStudent'>, ctx: HandlerContext): Promise<ActionOutput<'unbindStudent'>> {
  const actor = await requireOpenid(ctx);
  const previous = await ctx.storage.unbindStudent(
    input.studentNo,
    auditDraft(ctx, actor, 'unbindStudent', input.studentNo, { reason: input.reason }),
  );
  if (!previous) throw new ApiError('NOT_FOUND', '该学号不存在或尚未绑定微信');
  return { studentNo: input.studentNo };
}
