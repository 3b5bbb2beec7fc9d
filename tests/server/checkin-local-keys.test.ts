import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localCheckinKeys } from '../../server/local/checkin-keys';
import { generateKeyringConfig } from '../../server/security/checkin-keys';

/** The local server's check-in keys: generated once into DATA_DIR (owner-only), or taken from CHECKIN_KEYS. */
describe('local check-in keys', () => {
  let dir: string;
  const saved = process.env.CHECKIN_KEYS;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-keys-'));
    delete process.env.CHECKIN_KEYS;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CHECKIN_KEYS;
    else process.env.CHECKIN_KEYS = saved;
  });

  it('generates a keyring on first start, readable by the owner only, and keeps it across restarts', () => {
    const first = localCheckinKeys(dir);
    const file = path.join(dir, 'checkin-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ signer: first.signerKid });
    const again = localCheckinKeys(dir);
    expect(again.signerKid).toBe(first.signerKid);
    expect(Buffer.from(again.trusted[again.signerKid])).toEqual(Buffer.from(first.trusted[first.signerKid]));
    expect(again.eventCodeSecret.equals(first.eventCodeSecret)).toBe(true);
  });

  it('prefers CHECKIN_KEYS and then writes no file', () => {
    process.env.CHECKIN_KEYS = generateKeyringConfig('kenv');
    expect(localCheckinKeys(dir).signerKid).toBe('kenv');
    expect(() => statSync(path.join(dir, 'checkin-keys.json'))).toThrow();
  });
});
