/**
 * Budget and offline checks on the built weapp (dist/weapp; `npm test` builds it before jest):
 *  - WeChat refuses to upload a main package over 2 MB and the project's own budget is 1 MB (1,048,576 bytes): the
 *    main package is every file under dist/weapp outside the subpackage roots of app.json, source maps excluded;
 *  - a subpackage may not exceed WeChat's 2 MB either;
 *  - nothing may load fonts or images from an http(s) URL (a CDN): the campus network or an offline phone would show
 *    missing icons, and WeChat requires such domains to be whitelisted. Every http(s) URL found is printed.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const WEAPP_DIR = path.resolve(__dirname, '../../dist/weapp');
const MAIN_PACKAGE_BUDGET = 1_048_576;
const SUBPACKAGE_LIMIT = 2 * 1_048_576;

/**
 * Asset URLs known to be harmless, with the reason (e.g. only in a code path the app never takes). Empty on purpose:
 * adding one is the lead's decision.
 */
const ALLOWED_ASSET_URLS: Array<{ url: string; reason: string }> = [];

interface FileEntry {
  rel: string;
  bytes: number;
}

function walk(dir: string, base = dir): FileEntry[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full, base);
    return [{ rel: path.relative(base, full).split(path.sep).join('/'), bytes: statSync(full).size }];
  });
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function readBuild(): { files: FileEntry[]; roots: string[] } {
  const appJson = path.join(WEAPP_DIR, 'app.json');
  if (!existsSync(appJson)) {
    throw new Error(
      `No weapp build: ${appJson} is missing.\n` +
        'Build it first:  NODE_ENV=production npx taro build --type weapp   (npm test does this before jest)',
    );
  }
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+/, '').replace(/\/*$/, '/'));
  const files = walk(WEAPP_DIR).filter((f) => !f.rel.endsWith('.map'));
  return { files, roots };
}

const rootOf = (rel: string, roots: string[]) => roots.find((r) => rel.startsWith(r)) ?? null;

describe('weapp package size', () => {
  it('the main package (dist/weapp outside subpackage roots, without *.map) stays within 1 MB', () => {
    const { files, roots } = readBuild();
    const main = files.filter((f) => rootOf(f.rel, roots) === null);
    const total = main.reduce((s, f) => s + f.bytes, 0);
    const largest = [...main]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8)
      .map((f) => `  ${kb(f.bytes).padStart(10)}  ${f.rel}`)
      .join('\n');
    console.log(
      `weapp main package: ${total.toLocaleString('en')} bytes (${kb(total)}, ${((total / MAIN_PACKAGE_BUDGET) * 100).toFixed(1)}% of the 1 MB budget), ` +
        `${main.length} files; subpackage roots: ${roots.length ? roots.join(', ') : '(none)'}\nlargest:\n${largest}`,
    );
    expect(main.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
  });

  it('each subpackage stays within WeChat\'s 2 MB', () => {
    const { files, roots } = readBuild();
    const sizes = roots.map((root) => ({
      root,
      bytes: files.filter((f) => rootOf(f.rel, roots) === root).reduce((s, f) => s + f.bytes, 0),
    }));
    if (sizes.length) console.log(sizes.map((s) => `subpackage ${s.root}: ${s.bytes.toLocaleString('en')} bytes (${kb(s.bytes)})`).join('\n'));
    for (const s of sizes) expect({ root: s.root, withinLimit: s.bytes <= SUBPACKAGE_LIMIT }).toEqual({ root: s.root, withinLimit: true });
  });
});

describe('weapp offline assets', () => {
  it('no font or image is loaded from an http(s) URL (CDN) by the .wxss/.wxml/.js/.json of the build', () => {
    const { files } = readBuild();
    const FONT_OR_IMAGE = /\.(woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|bmp|ico)(?:[?#][^\s"'`)]*)?$/i;
    const found: Array<{ file: string; url: string; asset: boolean; context: string }> = [];
    for (const f of files.filter((x) => /\.(wxss|wxml|js|json|wxs)$/.test(x.rel))) {
      const text = readFileSync(path.join(WEAPP_DIR, f.rel), 'utf8');
      for (const m of text.matchAll(/https?:\/\/[^\s"'`)\\,;]+/g)) {
        const url = m[0];
        const before = text.slice(Math.max(0, m.index! - 60), m.index!);
        // An asset: a font/image file name, or anything a stylesheet loads with url(…) / @font-face src.
        const asset = FONT_OR_IMAGE.test(url) || (/\.wxss$/.test(f.rel) && /url\(\s*["']?$/.test(before));
        found.push({ file: f.rel, url, asset, context: `${before.slice(-40)}${url}`.replace(/\s+/g, ' ') });
      }
    }
    console.log(
      found.length
        ? `http(s) URLs in dist/weapp:\n${found.map((u) => `  ${u.asset ? 'ASSET' : 'other'}  ${u.file}: ${u.url}`).join('\n')}`
        : 'no http(s) URL in dist/weapp',
    );
    const assets = found.filter((u) => u.asset && !ALLOWED_ASSET_URLS.some((a) => a.url === u.url));
    expect(assets.map((u) => `${u.file}: …${u.context}`)).toEqual([]);
  });
});
