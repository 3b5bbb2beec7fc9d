import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'peek-'));
const server = spawn(process.execPath, ['dist/server/local.js'], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TEST_CLOCK_START: '2026-11-18T02:00:00.000Z' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => { let out=''; server.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//); if (m) resolve(`http://127.0.0.1:${m[1]}`); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await ctx.setExtraHTTPHeaders({});
const page = await ctx.newPage();
await page.goto(`${base}/#/pages/me/index`);
await page.locator('.me-page .demo-user-o-demo-admin').click();
await page.waitForTimeout(800);
const routes = (process.argv[2] ?? 'events').split(',');
for (const r of routes) {
  await page.goto(`${base}/#/packages/committee/${r}/index`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/peek-${r.replace(/\W/g,'_')}.png` });
  const info = await page.evaluate(() => ({ html: getComputedStyle(document.documentElement).fontSize, btn: [...document.querySelectorAll('.nut-button')].filter(b=>b.offsetParent).slice(0,3).map(b => [b.textContent, getComputedStyle(b).fontSize, b.getBoundingClientRect().height]) }));
  console.log(r, JSON.stringify(info));
}
await browser.close(); server.kill();
