import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `<prefix>-` and ten random base-32 characters (50 bits): ids nobody can guess or collide with by accident. */
export function randomId(prefix: string): string {
  const bytes = randomBytes(10);
  let id = '';
  for (const b of bytes) id += BASE32[b % 32];
  return `${prefix}-${id}`;
}
