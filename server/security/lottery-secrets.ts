import { createHash, randomBytes } from 'node:crypto';
import type { Sha256 } from '../../core';

/** SHA-256 from node:crypto, as the draw's rules take it (core/lottery/sha256.ts): the server's and the script's. */
export const nodeSha256: Sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

/**
 * A lottery's two secrets, made when a lottery event is published: the seed (32 random bytes from the OS's CSPRNG,
 * committed to by its SHA-256 and revealed at the draw) and the pseudonym key (32 bytes, never revealed: without it
 * nobody can tell whose a pseudonym is by trying student numbers).
 */
export function newLotterySecrets(): { seed: string; pseudonymKey: string } {
  return { seed: randomBytes(32).toString('hex'), pseudonymKey: randomBytes(32).toString('hex') };
}
