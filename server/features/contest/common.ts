import { createHash } from 'node:crypto';
import { ApiError, type ContestTrack } from '../../../types';
import { entrantKey, type ContestRound, type Entrant, type RoleGrant } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { callerRoles } from '../shared/caller';
import { campusYearMonth } from '../shared/campus-time';

/** What the contest's handlers share: entry ids, who organises a round, the year, how long materials are kept. */

export const ROUND_NOT_FOUND = '没有找到这轮比赛，可能已被删除';
export const ENTRY_NOT_FOUND = '没有找到这件参赛作品，可能已被删除';

/**
 * `<roundId>.<track>.<12 hex>`: the entrant's key hashed (a branch's name is Chinese; an id stays ASCII), so one
 * entrant has one entry per track and round by construction, in both stores.
 */
export function entryIdOf(roundId: string, track: ContestTrack, entrant: Pick<Entrant, 'kind' | 'studentNo' | 'branch'>): string {
  const key = createHash('sha256').update(entrantKey(entrant)).digest('hex').slice(0, 12);
  return `${roundId}.${track}.${key}`;
}

export function isCommittee(roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => g.role === 'committee_admin');
}

export function officerColleges(roles: readonly RoleGrant[]): string[] {
  return roles.filter((g) => g.role === 'college_officer').map((g) => g.scope);
}

/** The committee organises every round; a college officer their college's own round (院赛). */
export function mayManageRound(roles: readonly RoleGrant[], round: Pick<ContestRound, 'level' | 'college'>): boolean {
  if (isCommittee(roles)) return true;
  return round.level === 'college' && officerColleges(roles).includes(round.college);
}

/** What an organiser may look at: the rounds they manage, and the school round (read only). */
export function mayViewRound(roles: readonly RoleGrant[], round: Pick<ContestRound, 'level' | 'college'>): boolean {
  return mayManageRound(roles, round) || (round.level === 'school' && officerColleges(roles).length > 0);
}

export async function requireRound(ctx: HandlerContext, roundId: string): Promise<ContestRound> {
  const round = await ctx.storage.getContestRound(roundId);
  if (!round) throw new ApiError('NOT_FOUND', ROUND_NOT_FOUND);
  return round;
}

export async function requireManagedRound(ctx: HandlerContext, roundId: string): Promise<ContestRound> {
  const round = await requireRound(ctx, roundId);
  if (!mayManageRound(await callerRoles(ctx), round)) {
    throw new ApiError('FORBIDDEN', round.level === 'school' ? '校赛由校团委组织' : `只能管理本学院的院赛（这是${round.college}的院赛）`);
  }
  return round;
}

/** The Shanghai year of now (the contest year, the lecturer team's year) unless one is asked for. */
export function yearOf(ctx: HandlerContext, asked?: number): number {
  return asked ?? campusYearMonth(ctx.now()).year;
}

/**
 * How long a contest's files are kept once an entry (or a talk) refers to them: to the end of the year after the
 * contest's — long enough for the provincial contest and next year's look back, then the sweep removes them.
 */
export function keepUntil(year: number): Date {
  return new Date(Date.UTC(year + 1, 11, 31, 16, 0, 0));
}

/** A file no record refers to any more (replaced, or refused with its entry) is let go a day from now. */
export const RELEASE_AFTER_MS = 24 * 3_600_000;
