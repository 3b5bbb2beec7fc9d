import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { registrationId } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { studentsByNo } from '../shared/lookups';
import { requireOrganisedEvent } from './scope';

/**
 * 报名审核 (志愿者招募 with approval or interview): a sign-up to such an event is an application that holds no seat;
 * its organisers approve it (a seat, if one is left) or reject it with a reason.
 */
export async function listApplications(
  input: ActionParsedInput<'listApplications'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listApplications'>> {
  const { event } = await requireOrganisedEvent(input.eventId, ctx);
  const pending = await ctx.storage.listRegistrationsOfEvent(event.id, ['pending']);
  const students = await studentsByNo(ctx, pending.map((r) => r.studentNo));
  return {
    applications: pending.map((r) => {
      const s = students.get(r.studentNo);
      return { studentNo: r.studentNo, name: s?.name ?? '', className: s?.className ?? '', college: s?.college ?? '', appliedAt: r.createdAt };
    }),
  };
}

export async function decideApplication(
  input: ActionParsedInput<'decideApplication'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'decideApplication'>> {
  const { event, openid } = await requireOrganisedEvent(input.eventId, ctx);
  if (!input.approve && !input.reason) throw new ApiError('INVALID_INPUT', '不通过须写明原因（reason），原因会记入操作日志');
  const action = input.approve ? 'application.approve' : 'application.reject';
  const detail = input.reason ? { reason: input.reason } : {};
  const out = await ctx.storage.decideApplication(
    event.id,
    input.studentNo,
    input.approve,
    ctx.now(),
    auditDraft(ctx, openid, action, registrationId(event.id, input.studentNo), detail),
  );
  return { status: out.registration.status === 'confirmed' ? 'confirmed' : 'cancelled', seatsLeft: out.event.seatsLeft };
}
