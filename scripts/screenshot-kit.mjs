// What a screenshot script needs, once: the built local server on a fresh demo database (at TEST_CLOCK_START, so the
// times on the pictures do not move), Chromium with pages on the server's clock (phone 375×812 or desk 1280×800),
// the API as a demo user, acting as a demo identity, and saving a picture. Builds nothing: run
// `npx taro build --type h5` and `node scripts/build-server.mjs` first. (Older screenshot scripts predate it.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const CLOCK = process.env.TEST_CLOCK_START ?? '2026-11-18T02:00:00.000Z';

export async function startKit() {
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offset = Date.parse(CLOCK) - Date.now();
  return {
    base,
    /** The server's current time. */
    now: () => new Date(Date.now() + offset),
    async open(size = 'phone') {
      const context = await browser.newContext(size === 'desk' ? { viewport: { width: 1280, height: 800 } } : { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
      await context.clock.install({ time: Date.now() + offset });
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
    async shot(page, name) {
      await page.waitForTimeout(500); // transitions and toasts settle
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
    },
    async close() {
      await browser.close();
      server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
