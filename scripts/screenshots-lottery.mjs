// Screenshots of fair seats (issue 16) at 375×812: a lottery taking applications, a student's application, a drawn
// lottery as a winner and as one on the waitlist sees it, and 抽签核对 (its verdict, and further down the viewer's own
// line, marked 这是你). Like scripts/screenshots.mjs: build first (`npm run build:h5`, `npm run build:server`); starts
// the local server on a fresh demo database.
// Usage: node scripts/screenshots-lottery.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-lottery-shots-'));
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
/** Acts as any seeded student (the switch lists only the first of each class): the stored identity, rewritten. */
const actAsAny = async (studentNo) => {
  await page.evaluate((sn) => {
    const stored = localStorage.getItem('ysc.demoUser');
    localStorage.setItem('ysc.demoUser', stored.replace(/"[^"]*"\s*}$/, `"${sn}"}`).replace(/^"[^"]*"$/, `"${sn}"`));
  }, studentNo);
};
const scrollTo = async (selector) => {
  await page.locator(selector).first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -70);
  });
};

try {
  await actAs('2024011101');
  await page.waitForTimeout(2500);
  await page.goto(`${base}/#/pages/event/index?id=e-lottery-firstaid`);
  await page.locator('.event-page .lottery-section').waitFor();
  await scrollTo('.event-page .lottery-section');
  await shot('lottery-applying');
  await page.locator('.event-page .signup-button:visible', { hasText: '申请抽签' }).click();
  await page.locator('.toast-message', { hasText: '已申请抽签' }).waitFor();
  await page.locator('.event-page .lottery-mine').waitFor();
  await page.waitForTimeout(2500);
  await scrollTo('.event-page .lottery-section');
  await shot('lottery-applied');

  // The drawn lecture, as a winner and as one waiting: who is which, from the result messages the draw queued.
  const { messages } = await api('listOutbox', { eventId: 'e-lottery-lecture' }, 'o-demo-admin');
  const winner = messages.find((m) => m.kind === 'lottery_result' && !m.data.note.includes('候补')).studentNo;
  const waiting = messages.find((m) => m.kind === 'lottery_result' && m.data.note.includes('候补第 2 位')).studentNo;
  for (const [who, name] of [[winner, 'lottery-won'], [waiting, 'lottery-waitlisted']]) {
    await actAsAny(who);
    await page.goto(`${base}/#/pages/event/index?id=e-lottery-lecture`);
    await page.reload();
    await page.locator('.event-page .lottery-mine').waitFor();
    await scrollTo('.event-page .lottery-section');
    await shot(name);
  }
  await page.locator('.event-page .lottery-verify-link').click();
  await page.locator('.lottery-verdict').waitFor();
  await shot('lottery-verify');
  // Further down the published list: the viewer's own line, marked 这是你.
  await page.locator('.lottery-verify__line--mine').waitFor();
  await page.locator('.lottery-verify__line--mine').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot('lottery-verify-mine');
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
