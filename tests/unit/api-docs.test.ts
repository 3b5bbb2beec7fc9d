import { readFileSync } from 'node:fs';
import { ACTION_NAMES, ERROR_CODES } from '../../types';

describe('docs/api.md', () => {
  const doc = readFileSync('docs/api.md', 'utf8');

  it('documents every action of the contract', () => {
    const missing = ACTION_NAMES.filter((name) => !doc.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('documents every error code', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !doc.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
