import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * `<letter>-` and 26 base-32 characters (130 random bits): ids that name something a caller may act on with the id
 * alone (a file, an upload, a job), so that knowing one never lets anyone guess another.
 */
export function unguessableId(prefix: 'f' | 'u' | 'j'): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const b of bytes) id += BASE32[b & 31];
  return `${prefix}-${id}`;
}

export const UNGUESSABLE_ID = /^[a-z]-[a-z2-7]{26}$/;
