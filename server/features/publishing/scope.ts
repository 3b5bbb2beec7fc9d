import { ApiError, type EventFields } from '../../../types';
import type { EventHost, EventRecord, RoleGrant } from '../../../core';
import { requireEvent } from '../shared/lookups';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';

/**
 * Who organises which events (publishing, applications, teams, exports): the committee every event; a college
 * officer the events hosted by their college or by one of its branches. A branch's college is not in the request but
 * in the roster (the college of the branch's students), and is kept on the event (hostCollege) when it is saved.
 */

export function isCommittee(roles: readonly Pick<RoleGrant, 'role'>[]): boolean {
  return roles.some((g) => g.role === 'committee_admin');
}

/** The colleges a caller's college-officer roles cover. */
export function collegesOf(roles: readonly Pick<RoleGrant, 'role' | 'scope'>[]): string[] {
  return roles.filter((g) => g.role === 'college_officer').map((g) => g.scope);
}

/** Whether these roles organise an event with this host (the host's college already resolved). */
export function organises(roles: readonly Pick<RoleGrant, 'role' | 'scope'>[], host: Pick<EventHost, 'hostKind' | 'hostCollege'>): boolean {
  if (isCommittee(roles)) return true;
  return host.hostKind !== 'committee' && host.hostCollege !== '' && collegesOf(roles).includes(host.hostCollege);
}

/** The college a branch belongs to, from the roster (any student of the branch); null when nobody is in it. */
export async function collegeOfBranch(ctx: HandlerContext, branch: string): Promise<string | null> {
  const students = await ctx.storage.listStudentsOfBranch(branch);
  return students[0]?.college ?? null;
}

/** The host an organiser named, as stored on the event: its unit, and the college it belongs to. */
export async function resolveHost(ctx: HandlerContext, host: EventFields['host']): Promise<Pick<EventHost, 'hostKind' | 'hostUnit' | 'hostCollege'>> {
  const unit = host.unit.trim();
  if (host.kind === 'committee') return { hostKind: 'committee', hostUnit: '', hostCollege: '' };
  if (!unit) throw new ApiError('INVALID_INPUT', host.kind === 'college' ? '请填写主办学院（host.unit）' : '请填写主办团支部（host.unit）');
  if (host.kind === 'college') return { hostKind: 'college', hostUnit: unit, hostCollege: unit };
  const college = await collegeOfBranch(ctx, unit);
  if (!college) throw new ApiError('INVALID_INPUT', `主办团支部「${unit}」不在学生名单中，请核对团支部名称（host.unit）`);
  return { hostKind: 'branch', hostUnit: unit, hostCollege: college };
}

/**
 * The event named in a request, if the caller organises it: NOT_FOUND for an unknown event, FORBIDDEN for another
 * college's (or the committee's own, for a college officer).
 */
export async function requireOrganisedEvent(eventId: string, ctx: HandlerContext): Promise<{ event: EventRecord; openid: string; roles: RoleGrant[] }> {
  const [openid, roles, event] = await Promise.all([requireOpenid(ctx), callerRoles(ctx), requireEvent(eventId, ctx)]);
  if (!organises(roles, event)) throw new ApiError('FORBIDDEN', '只能管理本学院（及所属团支部）主办的活动');
  return { event, openid, roles };
}


