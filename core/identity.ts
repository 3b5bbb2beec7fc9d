import type { ErrorCode, Role } from '../types';
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

/** The answer to a claim: whether this guess may be checked, and the account's attempts after it. */
export interface BindClaim {
  granted: boolean;
  attempts: BindAttempts;
}

/**
 * Before a binding guess is checked, it takes one of the account's tries — counting and checking the lock in one
 * step, where the data lives. Counting before checking (not after a failure) is what makes a burst harmless: 60
 * guesses sent at once get 5 claims, the fifth claim locks the account, and the rest are refused unchecked. A
 * locked account's state never changes (a guess during a lock cannot unlock or restart the count); once the lock
 * has passed, counting starts again. A successful binding clears the tries (the adapter's bindStudent).
 */
export function claimBindAttempt(previous: BindAttempts | null, openid: string, now: Date): BindClaim {
  if (previous && isLocked(previous, now)) return { granted: false, attempts: previous };
  const lockPassed = previous?.lockedUntil != null;
  const failures = (lockPassed ? 0 : (previous?.failures ?? 0)) + 1;
  const lockedUntil = failures >= BIND_MAX_FAILURES ? new Date(now.getTime() + BIND_LOCK_MINUTES * 60_000).toISOString() : null;
  return { granted: true, attempts: { openid, failures, lockedUntil } };
}

/** Guesses the account may still make before the lock. */
export function triesLeft(attempts: BindAttempts): number {
  return Math.max(0, BIND_MAX_FAILURES - attempts.failures);
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
