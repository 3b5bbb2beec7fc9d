import { ApiError } from '../../../types';
import { mayRunCheckin, type EventRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { collegeOfBranch, isCommittee, organises } from '../publishing/scope';

/**
 * Which rows an export may hold. The filters (an event, a college, a branch) narrow the rows together, so the answer
 * is inside what any one of them covers: the caller needs to be entitled to one filter. An event: its check-in
 * staff among officers, and its organisers; a college: its officers and the committee; a branch: its officers, its
 * college's officers and the committee.
 */
export interface ExportScope {
  event: EventRecord | null;
  college: string | null;
  branch: string | null;
}

export async function exportScope(
  ctx: HandlerContext,
  filter: { eventId?: string; college?: string; branch?: string },
): Promise<ExportScope> {
  const college = filter.college?.trim() || null;
  const branch = filter.branch?.trim() || null;
  const eventId = filter.eventId?.trim() || null;
  if (!eventId && !college && !branch) {
    throw new ApiError('INVALID_INPUT', '请选择导出范围：活动（eventId）、学院（college）或团支部（branch），至少一项');
  }
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  let event: EventRecord | null = null;
  if (eventId) {
    event = await ctx.storage.getEvent(eventId);
    if (!event) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  }
  const scope = { event, college, branch };
  if (isCommittee(roles)) return scope;
  if (event && (mayRunCheckin(roles, openid, event) || organises(roles, event))) return scope;
  if (college && roles.some((g) => g.role === 'college_officer' && g.scope === college)) return scope;
  if (branch) {
    if (roles.some((g) => g.role === 'branch_officer' && g.scope === branch)) return scope;
    const officerColleges = roles.filter((g) => g.role === 'college_officer').map((g) => g.scope);
    if (officerColleges.length) {
      const owner = await collegeOfBranch(ctx, branch);
      if (owner && officerColleges.includes(owner)) return scope;
    }
  }
  throw new ApiError('FORBIDDEN', '只能导出本人负责的活动、学院或团支部的数据');
}

/** Whether a student is inside the college and branch filters (the event filter is applied by the query). */
export function inScope(scope: ExportScope, student: { college: string; branch: string }): boolean {
  return (!scope.college || student.college === scope.college) && (!scope.branch || student.branch === scope.branch);
}

/** The scope in words for the file name: the event's title, the college, the branch. */
export function scopeLabel(scope: ExportScope): string {
  return [scope.event?.title, scope.college, scope.branch].filter(Boolean).join('-');
}
