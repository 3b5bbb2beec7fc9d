// What every scripts/screenshots*.mjs needs, once: the built local server on a fresh demo database, Debian's Chromium
// with pages at phone (375×812, 2× pixels) or desk (1280×800) size, the API as a demo user, acting as a demo identity,
// and saving a picture <name>.png under SCREENSHOTS_DIR (docs/screenshots by default; SCREENSHOTS_ONLY=<regex> saves
// only the names that match, every step still runs). Builds nothing: run `npx taro build --type h5` and
// `node scripts/build-server.mjs` first.
// The clock: by default the server starts at TEST_CLOCK_START and every page runs on the server's clock, so the times
// on the pictures do not move. `startKit({ fixedClock: false })` keeps the real clock for the scripts whose journeys
// were written against it (scripts/screenshots.mjs, -follows, -lottery).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
export const CLOCK = process.env.TEST_CLOCK_START ?? '2026-11-18T02:00:00.000Z';
const ONLY = process.env.SCREENSHOTS_ONLY ? new RegExp(process.env.SCREENSHOTS_ONLY) : null;

/** Whether a picture of this name is to be saved (SCREENSHOTS_ONLY). */
export const wanted = (name) => !ONLY || ONLY.test(name);

export async function startKit({ fixedClock = true } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-shots-'));
  const server = spawn(process.execPath, ['dist/server/local.js'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ...(fixedClock ? { TEST_CLOCK_START: CLOCK } : {}) },
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offset = fixedClock ? Date.parse(CLOCK) - Date.now() : 0;
  const kit = {
    base,
    /** A folder of this run's own, removed by close() (the database, and files a script hands to the pages). */
    dataDir,
    /** The server's current time. */
    now: () => new Date(Date.now() + offset),
    /** A page in a browser context of its own: 'phone' (375×812) or 'desk' (1280×800). */
    async open(size = 'phone') {
      const context = await browser.newContext(size === 'desk' ? { viewport: { width: 1280, height: 800 } } : { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
      if (fixedClock) await context.clock.install({ time: Date.now() + offset });
      return context.newPage();
    },
    async api(action, payload, user) {
      const res = await fetch(`${base}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Demo-User': user }, body: JSON.stringify(payload) });
      const body = await res.json();
      if (!body.ok) throw new Error(`${action}: ${body.code} ${body.message}`);
      return body.data;
    },
    /** Any seeded identity (a student number, or an openid): the stored demo identity, then the page reloaded. */
    async actAs(page, id) {
      await page.goto(`${base}/#/pages/me/index`);
      await page.evaluate((v) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: v })), id);
      await page.reload();
      await page.locator('.me-page .demo-identity, .me-page .demo-chip').first().waitFor();
    },
    /**
     * An identity the switch on 我的 lists, by tapping it (as a user would; it shows the “已切换” toast). `ready` (a
     * selector or locator) shows the page has caught up; `settle` ms more let the toast fade.
     */
    async switchTo(page, id, { ready = '.me-page .demo-identity, .me-page .demo-chip', settle = 0 } = {}) {
      await page.goto(`${base}/#/pages/me/index`);
      await page.locator(`.me-page .demo-user-${id}`).click();
      await (typeof ready === 'string' ? page.locator(ready) : ready).first().waitFor();
      if (settle) await page.waitForTimeout(settle);
    },
    /** Saves what the page shows as <name>.png, `settle` ms after transitions and toasts; `top` scrolls up first. */
    async shot(page, name, { settle = 500, top = false, fullPage = false } = {}) {
      if (!wanted(name)) return;
      if (top) await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop && (el.scrollTop = 0)) || window.scrollTo(0, 0));
      if (settle) await page.waitForTimeout(settle);
      await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
      console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
    },
    /** Opens #/<route> (unless null), waits for `ready`, runs `before(page)`, then saves <name>.png. */
    async shotAt(page, name, route, ready, { before, fullPage = false } = {}) {
      if (route) await page.goto(`${base}/#/${route}`);
      await page.locator(ready).first().waitFor({ timeout: 20000 });
      if (before) await before(page);
      await kit.shot(page, name, { settle: 600, fullPage });
    },
    async close() {
      await browser.close();
      server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return kit;
}
