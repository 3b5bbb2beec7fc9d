import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { COLLECTIONS } from '../../server/storage/cloudbase/documents';

describe('CloudBase security rules', () => {
  it('has a rule file for every collection the adapter uses, and no stale ones', () => {
    const files = readdirSync('cloudbase/security-rules').map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual(Object.values(COLLECTIONS).sort());
  });

  it('denies every client read and write', () => {
    for (const name of Object.values(COLLECTIONS)) {
      const file = `cloudbase/security-rules/${name}.json`;
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ read: false, write: false });
    }
  });
});
