import { createHash, randomBytes } from 'node:crypto';
import type { LedgerEntry } from '../../../core';

/**
 * Verification codes of shared transcripts. A code is 80 random bits written as 16 characters of Crockford's base32
 * (no I, L, O, U: nothing to misread on paper), shown grouped XXXX-XXXX-XXXX-XXXX. Only the SHA-256 of the normalised
 * code is stored; the short public id is the first 12 hex of that hash. 80 bits from the OS's CSPRNG make guessing
 * hopeless even without the rate limit (2^80 codes; a million shares leave one chance in 2^60 per guess).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;
const VALID = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** 16 characters from 10 random bytes (5 bits each). */
export function newShareCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** "ABCD-EFGH-JKMN-PQRS" */
export function groupShareCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * What a person typed, as the code: upper case, without dashes or spaces, with the letters Crockford reads as digits
 * (O → 0, I and L → 1). Null when it cannot be a code at all (answered as unknown, like a code never issued).
 */
export function normaliseShareCode(typed: string): string | null {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_–—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === CODE_LENGTH && VALID.test(code) ? code : null;
}

export function shareCodeHash(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

export function shareIdOf(codeHash: string): string {
  return codeHash.slice(0, 12);
}

/** '2023****03': the first four and last two characters of a student number, the rest masked. */
export function maskStudentNo(studentNo: string): string {
  if (studentNo.length <= 6) return `${'*'.repeat(Math.max(0, studentNo.length - 2))}${studentNo.slice(-2)}`;
  return `${studentNo.slice(0, 4)}${'*'.repeat(studentNo.length - 6)}${studentNo.slice(-2)}`;
}

/** SHA-256 over the entries' keys and amounts in ledger order: ties a snapshot to the ledger it was computed from. */
export function ledgerDigest(entries: readonly Pick<LedgerEntry, 'key' | 'amount'>[]): string {
  const hash = createHash('sha256');
  for (const e of entries) hash.update(`${e.key}\t${e.amount}\n`, 'utf8');
  return hash.digest('hex');
}

/** The public verify page, with the code, for the QR (the site's origin is prefixed by the client). */
export function verifyPathOf(groupedCode: string): string {
  return `/#/packages/transcript/verify/index?code=${groupedCode}`;
}
