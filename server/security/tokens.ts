import { createHash, randomBytes } from 'node:crypto';

/** A secret for a ticket or session: 32 random bytes, base64url (unguessable, safe in a URL or QR code). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Tickets and sessions are stored by this hash, so a read of the database does not hand out live secrets. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
