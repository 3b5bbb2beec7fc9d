/**
 * A class name belongs to one stylesheet owner. On H5 every page's stylesheet stays in the document once loaded, so
 * two owners defining the same block (a selector *starting* with `.checkin-card` in src/components/CheckinCard and in
 * src/packages/checkin/page.scss) restyle each other's pages in whichever order the pages were opened: the event
 * page's 活动签到 card took the 签到码 page's negative margin and centred column after a visit there.
 *
 * Owners: each folder of src/components/ and src/shared/components/, each main page folder, each subpackage (its
 * pages and components together), and src/app.scss. A selector may reach into another owner's classes *under its own*
 * (`.event-page__hero .event-tags__tag`): what counts is the block of the selector's first class. NutUI's classes
 * (`nut-*`) may lead a selector only in src/app.scss (the theme) — anywhere else they must sit under the owner's class.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full);
    return d.name.endsWith('.scss') && !d.name.startsWith('_') ? [full] : [];
  });
}

/** Who owns a stylesheet's blocks. */
function ownerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel[0] === 'packages') return rel.slice(0, 2).join('/');
  if (rel[0] === 'components' || rel[0] === 'pages') return rel.slice(0, 2).join('/');
  if (rel[0] === 'shared' && rel[1] === 'components') return rel.slice(0, 3).join('/');
  return rel.join('/');
}

/** The selectors of every style rule (inside @media too; keyframes' steps are not selectors). */
function selectorsOf(css: string): string[] {
  const out: string[] = [];
  let i = 0;
  let prelude = '';
  const stack: string[] = [];
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      i = css.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (c === '{') {
      const p = prelude.trim();
      const inKeyframes = stack.some((s) => /^@[\w-]*keyframes/.test(s));
      if (!p.startsWith('@') && !inKeyframes) out.push(...p.split(',').map((s) => s.trim()));
      stack.push(p);
      prelude = '';
    } else if (c === '}') {
      stack.pop();
      prelude = '';
    } else if (c === ';') {
      prelude = '';
    } else {
      prelude += c;
    }
    i++;
  }
  return out;
}

function blockOf(selector: string): string | null {
  const m = /^\.([A-Za-z0-9_-]+)/.exec(selector);
  if (!m) return null;
  return m[1].split('__')[0].split('--')[0];
}

const files = walk(SRC);
const owners = new Map<string, Map<string, string[]>>(); // block -> owner -> files

for (const file of files) {
  const css = sass.compile(file, { style: 'expanded', loadPaths: [SRC, path.join(ROOT, 'node_modules')] }).css;
  for (const selector of selectorsOf(css)) {
    const block = blockOf(selector);
    if (!block) continue;
    const owner = ownerOf(file);
    const byOwner = owners.get(block) ?? new Map<string, string[]>();
    const list = byOwner.get(owner) ?? [];
    const rel = path.relative(ROOT, file);
    if (!list.includes(rel)) list.push(rel);
    byOwner.set(owner, list);
    owners.set(block, byOwner);
  }
}

it('reads the stylesheets (the check itself would pass vacuously otherwise)', () => {
  expect(files.length).toBeGreaterThan(50);
  expect(owners.get('event-card')?.size).toBe(1);
});

it('no class block leads selectors in two owners’ stylesheets', () => {
  const shared = [...owners].filter(([, byOwner]) => byOwner.size > 1).map(([block, byOwner]) => `.${block}: ${[...byOwner.values()].flat().join(', ')}`);
  expect(shared).toEqual([]);
});

it('NutUI’s classes lead a selector only in the app theme (src/app.scss)', () => {
  const outside = [...owners]
    .filter(([block]) => block.startsWith('nut-'))
    .flatMap(([block, byOwner]) => [...byOwner].filter(([owner]) => owner !== 'app.scss').map(([, list]) => `.${block}: ${list.join(', ')}`));
  expect(outside).toEqual([]);
});
