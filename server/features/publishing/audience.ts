import { ApiError, ERROR_CODES } from '../../../types';
import { audienceRefusal, type EventRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';

/**
 * Who may sign up (the event's audience: colleges, grades, league members only), checked before any sign-up is
 * written: a student's own (signUp), and every member of a team (createTeam, joinTeam, signUpTeam). An empty
 * audience is everyone and costs no read.
 */
export async function requireInAudience(
  ctx: HandlerContext,
  event: Pick<EventRecord, 'audience'>,
  studentNos: readonly string[],
  self: string | null,
): Promise<void> {
  const a = event.audience;
  if (!a.colleges.length && !a.grades.length && !a.leagueMembersOnly) return;
  for (const no of studentNos) {
    const student = await ctx.storage.findStudentByNo(no);
    if (!student) throw new ApiError('NOT_FOUND', `名单中没有学号 ${no}`);
    const refusal = audienceRefusal(a, student);
    if (!refusal) continue;
    if (no === self) throw new ApiError(refusal);
    throw new ApiError(refusal, `${student.name}（${no}）不符合报名条件：${ERROR_CODES[refusal].message}`);
  }
}
