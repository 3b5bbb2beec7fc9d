import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The second factor of binding (the ID number's last six characters) is never stored: only HMAC-SHA256 under a key
 * kept outside the database (ID_HASH_KEY), so a copy of the database alone does not let anyone test guesses.
 */
export function hashSecondFactor(key: string, last6: string): string {
  return createHmac('sha256', key).update(normaliseSecondFactor(last6)).digest('hex');
}

/** null when the roster holds no second factor for the student (nothing to check). */
export function secondFactorMatches(key: string | undefined, entered: string | undefined, storedHash: string | null): boolean | null {
  if (storedHash === null) return null;
  if (!key) throw new Error('ID_HASH_KEY is not configured, so second factors cannot be checked');
  if (!entered) return false;
  const a = Buffer.from(hashSecondFactor(key, entered), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function normaliseSecondFactor(last6: string): string {
  return last6.trim().toUpperCase();
}
