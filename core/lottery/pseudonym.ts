import { hmacSha256, toHex, utf8Bytes, fromHex, type Sha256 } from './sha256';

/**
 * What the published applicant list shows for a student: the first 16 hex characters (64 bits) of
 * HMAC-SHA256(the event's pseudonym key, student number). The key never leaves the server, so nobody can tell whose a
 * pseudonym is by trying student numbers (which are easy to guess); the app tells each applicant their own.
 */
export function pseudonymOf(keyHex: string, studentNo: string, sha256: Sha256): string {
  const key = fromHex(keyHex);
  if (!key || key.length < 16) throw new Error('pseudonym key must be at least 16 bytes of hex');
  return toHex(hmacSha256(sha256, key, utf8Bytes(studentNo))).slice(0, 16);
}
