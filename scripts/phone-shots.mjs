// What the small screenshot scripts of issue 16 share (screenshots-lottery.mjs, screenshots-follows.mjs): the local
// server on a fresh demo database (dist/server/local.js, serving dist/h5), Chromium at 375×812 (2× pixels), a shot
// helper writing <name>.png under SCREENSHOTS_DIR (docs/screenshots by default), the API as a demo user, and acting as
// a demo user through 我的's switch. `close()` stops both and removes the database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export async function startPhoneShots(name) {
  const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `ysc-${name}-shots-`));
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
  const shot = async (file) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, `${file}.png`) });
    console.log(path.join(path.relative(process.cwd(), OUT), `${file}.png`));
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
  const close = async () => {
    await browser.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, page, shot, api, actAs, close };
}
