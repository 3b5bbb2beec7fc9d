/**
 * scripts/privacy-apis.mjs: the privacy interfaces the front end calls must all be in the 用户隐私保护指引
 * (docs/privacy-guide.json, copied into the WeChat admin console by docs/deploy.md). Run as the deployment would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'scripts/privacy-apis.mjs');

function run(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO, encoding: 'utf8' });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'privacy-apis-'));
  mkdirSync(path.join(dir, 'src/pages'), { recursive: true });
  writeFileSync(
    path.join(dir, 'src/pages/a.tsx'),
    [
      "import Taro from '@tarojs/taro';",
      '// Taro.getClipboardData() in a comment is not a call',
      'export async function f() {',
      "  await Taro.getLocation({ type: 'gcj02' });",
      '  const text = await Taro.getClipboardData();',
      '  return text;',
      '}',
      'export const C = () => <Camera mode="scanCode" />;',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'guide.json'),
    JSON.stringify({ entries: [{ apis: ['getLocation', 'camera'], info: '位置信息', purpose: '签到' }] }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('passes on this repository: every privacy interface the app calls is in docs/privacy-guide.json', () => {
  const res = run([]);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  const used = JSON.parse(execFileSync(process.execPath, [SCRIPT, '--json'], { cwd: REPO, encoding: 'utf8' })) as Array<{ api: string }>;
  const apis = used.map((u) => u.api);
  // What the app is known to call (check-in location, scanning, the officers' camera, copying, the poster's code).
  expect(apis).toEqual(expect.arrayContaining(['getLocation', 'scanCode', 'camera', 'setClipboardData', 'saveImageToPhotosAlbum']));
  // And the guide lists no interface twice.
  const guide = JSON.parse(readFileSync(path.join(REPO, 'docs/privacy-guide.json'), 'utf8')) as { entries: Array<{ apis: string[] }> };
  const listed = guide.entries.flatMap((e) => e.apis);
  expect(new Set(listed).size).toBe(listed.length);
});

it('fails, naming the interface and where it is called, when the code calls one the guide does not list', () => {
  const res = run(['--root', path.join(dir, 'src'), '--guide', path.join(dir, 'guide.json')]);
  expect(res.status).toBe(1);
  expect(res.stderr).toContain('getClipboardData');
  expect(res.stderr).toMatch(/a\.tsx:5\b/);
  // Listed interfaces and the commented-out mention are not reported.
  expect(res.stderr).not.toContain('getLocation');
  expect(res.stderr).not.toMatch(/a\.tsx:2\b/);
});

it('passes once the guide lists it', () => {
  writeFileSync(
    path.join(dir, 'guide2.json'),
    JSON.stringify({ entries: [{ apis: ['getLocation', 'camera', 'getClipboardData'], info: '剪切板', purpose: '粘贴' }] }),
  );
  const res = run(['--root', path.join(dir, 'src'), '--guide', path.join(dir, 'guide2.json')]);
  expect(res.status).toBe(0);
  expect(res.stdout).toContain('getClipboardData');
});

it('docs/deploy.md lists every entry of the guide, so the admin console is filled in from what the code calls', () => {
  const deploy = readFileSync(path.join(REPO, 'docs/deploy.md'), 'utf8');
  const guide = JSON.parse(readFileSync(path.join(REPO, 'docs/privacy-guide.json'), 'utf8')) as {
    entries: Array<{ apis: string[]; info: string; purpose: string }>;
  };
  for (const entry of guide.entries) {
    const row = deploy.split('\n').find((line) => line.startsWith(`| ${entry.info} |`));
    expect(row).toBeDefined();
    for (const api of entry.apis) expect(row).toContain(api === 'camera' ? '<camera>' : `\`${api}\``);
    expect(row).toContain(entry.purpose);
  }
});
