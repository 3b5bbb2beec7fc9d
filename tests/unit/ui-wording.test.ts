/**
 * Words a student or a teacher should not meet in the interface (issue: "jargon gone"): bookkeepers' 冲正, 手工 for
 * what the committee recorded, ids where a person is meant. The pages' and components' source text is read without
 * comments; labels the server writes into answers and exports are checked where they are defined.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full, ext);
    return d.name.endsWith(ext) ? [full] : [];
  });
}

/** Source without block and line comments (good enough for our files: no `//` inside strings we check). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const JARGON = [/冲正/, /手工/, /已获学分/];

it('no page or component says 冲正, 手工 or 已获学分', () => {
  const found: string[] = [];
  for (const file of walk(path.join(ROOT, 'src'), '.tsx')) {
    const text = code(file);
    for (const word of JARGON) if (word.test(text)) found.push(`${path.relative(ROOT, file)}: ${word.source}`);
  }
  expect(found).toEqual([]);
});

it('the server’s labels for a committee award and an officer’s correction are in plain words', () => {
  for (const file of ['server/features/credits/views.ts', 'server/features/checkin/export.ts']) {
    const labels = code(path.join(ROOT, file)).match(/manual: '[^']*'/g) ?? [];
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).not.toMatch(/手工|冲正/);
  }
});
