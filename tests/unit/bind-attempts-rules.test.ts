import { BIND_LOCK_MINUTES, BIND_MAX_FAILURES, claimBindAttempt, isLocked, triesLeft, type BindAttempts } from '../../core';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function claims(n: number, from: BindAttempts | null = null, at = NOW): BindAttempts | null {
  let state = from;
  for (let i = 0; i < n; i++) state = claimBindAttempt(state, 'o1', at).attempts;
  return state;
}

describe('binding tries', () => {
  it('grants a try and counts it before the guess is checked', () => {
    expect(claimBindAttempt(null, 'o1', NOW)).toEqual({ granted: true, attempts: { openid: 'o1', failures: 1, lockedUntil: null } });
    expect(triesLeft(claims(2)!)).toBe(BIND_MAX_FAILURES - 2);
  });

  it(`locks the account for ${BIND_LOCK_MINUTES} minutes with the ${BIND_MAX_FAILURES}th try, which is still granted`, () => {
    const fourth = claims(BIND_MAX_FAILURES - 1);
    const fifth = claimBindAttempt(fourth, 'o1', NOW);
    expect(fifth.granted).toBe(true);
    expect(fifth.attempts.lockedUntil).toBe(minutes(BIND_LOCK_MINUTES).toISOString());
    expect(triesLeft(fifth.attempts)).toBe(0);
  });

  it('refuses every try during the lock and leaves the state exactly as it was (never unlocks, never restarts)', () => {
    const locked = claims(BIND_MAX_FAILURES)!;
    for (const m of [0, 1, 7, BIND_LOCK_MINUTES - 0.01]) {
      expect(claimBindAttempt(locked, 'o1', minutes(m))).toEqual({ granted: false, attempts: locked });
    }
    expect(isLocked(locked, minutes(BIND_LOCK_MINUTES - 0.01))).toBe(true);
  });

  it('starts a new count once the lock has passed', () => {
    const locked = claims(BIND_MAX_FAILURES)!;
    expect(claimBindAttempt(locked, 'o1', minutes(BIND_LOCK_MINUTES))).toEqual({ granted: true, attempts: { openid: 'o1', failures: 1, lockedUntil: null } });
  });

  it('grants exactly five tries to any number of guesses made in a row at one moment', () => {
    let state: BindAttempts | null = null;
    let granted = 0;
    for (let i = 0; i < 1000; i++) {
      const claim = claimBindAttempt(state, 'o1', NOW);
      if (claim.granted) granted++;
      state = claim.attempts;
    }
    expect(granted).toBe(BIND_MAX_FAILURES);
  });
});
