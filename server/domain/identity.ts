import type { ErrorCode, Role } from '../../types';
import type { StudentRecord } from './records';

/** A role held by a WeChat account. Officer roles are scoped: the branch or the college they cover. */
export interface RoleGrant {
  openid: string;
  role: Role;
  /** Branch name for branch_officer, college name for college_officer, '' for committee_admin. */
  scope: string;
  grantedBy: string;
  grantedAt: string;
}

/** Failed binding attempts of one WeChat account. */
export interface BindAttempts {
  openid: string;
  failures: number;
  /** While in the future, the account may not try to bind. */
  lockedUntil: string | null;
}

export const BIND_MAX_FAILURES = 5;
export const BIND_LOCK_MINUTES = 15;

export function isLocked(attempts: BindAttempts | null, now: Date): boolean {
  return !!attempts?.lockedUntil && Date.parse(attempts.lockedUntil) > now.getTime();
}

/** After a failed attempt: the fifth failure in a row locks the account for 15 minutes and starts a new count. */
export function attemptsAfterFailure(previous: BindAttempts | null, openid: string, now: Date): BindAttempts {
  const failures = (isLocked(previous, now) ? 0 : (previous?.failures ?? 0)) + 1;
  if (failures >= BIND_MAX_FAILURES) {
    return { openid, failures: 0, lockedUntil: new Date(now.getTime() + BIND_LOCK_MINUTES * 60_000).toISOString() };
  }
  return { openid, failures, lockedUntil: null };
}

export function triesLeft(attempts: BindAttempts): number {
  return BIND_MAX_FAILURES - attempts.failures;
}

/**
 * Whether the entered details identify this roster entry. `secondFactorOk` is the caller's check of the ID digits
 * against the stored keyed hash: true, false, or null when the roster holds no second factor for the student.
 */
export function bindingMatches(student: StudentRecord | null, enteredName: string, secondFactorOk: boolean | null): boolean {
  if (!student) return false;
  if (normaliseName(student.name) !== normaliseName(enteredName)) return false;
  return secondFactorOk !== false;
}

/** The outcome of the atomic bind write, decided where the data lives. */
export type BindWrite = 'bound' | 'student_taken' | 'account_bound' | 'not_found';

export function bindRefusal(write: Exclude<BindWrite, 'bound'>): ErrorCode {
  if (write === 'student_taken') return 'STUDENT_TAKEN';
  if (write === 'account_bound') return 'ALREADY_BOUND';
  return 'BIND_MISMATCH';
}

function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/·/g, '·');
}

/** Whether a grant covers a branch: its own branch, the branch's college, or everything. */
export function grantCoversBranch(grant: Pick<RoleGrant, 'role' | 'scope'>, branch: string, collegeOfBranch: string | null): boolean {
  if (grant.role === 'committee_admin') return true;
  if (grant.role === 'college_officer') return collegeOfBranch !== null && grant.scope === collegeOfBranch;
  return grant.scope === branch;
}
