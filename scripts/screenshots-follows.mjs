// Screenshots of 活动提醒 (issue 16) at 375×812: the follows page with alerts left, the 关注 strip on a kind tab of the
// catalogue before and after the tap, and the page for a visitor who has not bound a 学号. Like
// scripts/screenshots-lottery.mjs: build first (`npm run build:h5`, `npm run build:server`); starts the local server on
// a fresh demo database. The browser has no WeChat messages: the page says so where the phone offers 补充提醒次数.
// Usage: node scripts/screenshots-follows.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const STUDENT = '2024011101';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-follows-shots-'));
const server = spawn(process.execPath, ['dist/server/local.js'], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
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
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })).newPage();
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
};
const api = async (action, payload, user) => {
  const res = await fetch(`${base}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Demo-User': user }, body: JSON.stringify(payload) });
  const body = await res.json();
  if (!body.ok) throw new Error(`${action}: ${body.code} ${body.message}`);
  return body.data;
};
const actAs = async (id) => {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator(`.me-page .demo-user-${id}`).click();
  await page.locator('.me-page .profile-student-no', { hasText: id }).waitFor();
};

try {
  // Unbound: a visitor (no demo identity) opens the page from a link.
  await page.goto(`${base}/#/packages/alerts/follows/index`);
  await page.locator('.follows-unbound').waitFor();
  await shot('follows-unbound');

  // The student allowed two alerts on the phone earlier and follows 应急救护 there.
  await actAs(STUDENT);
  const user = `o-demo-${STUDENT}`;
  await api('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, user);
  await api('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, user);
  await api('setFollow', { topic: 'firstaid', follow: true }, user);

  // The catalogue's 志愿服务 tab: the strip offers 关注; after the tap it shows the alerts left.
  await page.goto(`${base}/#/pages/events/index`);
  await page.locator('.events-page .category-tab-volunteer').click();
  await page.locator('.events-page .follow-strip').waitFor();
  await shot('follows-strip');
  await page.locator('.events-page .follow-strip-follow').click();
  await page.locator('.events-page .follow-strip--on').waitFor();
  await shot('follows-strip-followed');

  // 管理 → the page: what is followed, the alerts left and what the count means.
  await page.locator('.events-page .follow-strip-manage').click();
  await page.locator('.follows-page .follow-topic--on').first().waitFor();
  await page.waitForTimeout(2500); // the toast of the tap on the catalogue has gone
  await shot('follows');
  await page.locator('.follows-page .follows-page__footer').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shot('follows-end');
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
