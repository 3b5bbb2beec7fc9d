// 年度目标看板's 青年讲师团 section (who in the lecturer team is behind) at 1280×800 and 375×812, scrolled to it, on the
// demo at TEST_CLOCK_START (November: two talks on campus expected by now). Builds nothing itself (run
// `npx taro build --type h5` and `node scripts/build-server.mjs` first), like scripts/screenshots-committee.mjs.
// Usage: node scripts/screenshots-dashboard-lecturers.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const CLOCK = process.env.TEST_CLOCK_START ?? '2026-11-18T02:00:00.000Z';
const ADMIN = 'o-demo-admin';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-shots-'));
const server = spawn(process.execPath, ['dist/server/local.js'], {
  env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TEST_CLOCK_START: CLOCK },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const offset = Date.parse(CLOCK) - Date.now();
async function open(size) {
  const context = await browser.newContext(size === 'desk' ? { viewport: { width: 1280, height: 800 } } : { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  await context.clock.install({ time: Date.now() + offset });
  const page = await context.newPage();
  return page;
}
async function actAs(page, id) {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator(`.me-page .demo-user-${id}`).click();
  await page.locator('.me-page .demo-identity, .me-page .demo-chip').first().waitFor();
  await page.waitForTimeout(2200); // the “已切换” toast fades
}
async function lecturers(page, name) {
  await page.goto(`${base}/#/packages/committee/dashboard/index`);
  const section = page.locator('.dashboard-page:visible .dashboard-lecturers').first();
  await section.waitFor({ timeout: 20000 });
  await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
}

try {
  const desk = await open('desk');
  await actAs(desk, ADMIN);
  await lecturers(desk, 'committee-dashboard-lecturers-desktop');
  const phone = await open('phone');
  await actAs(phone, ADMIN);
  await lecturers(phone, 'committee-dashboard-lecturers');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
