// Takes the screenshots in docs/screenshots/ from the real product: builds nothing itself (run `npm run build:h5`
// and `npm run build:server` first, or `npm test`), starts the local server on a fresh demo database, and drives
// the H5 build in Debian's Chromium at 375×812 (device scale 2) as seeded students.
// Usage: node scripts/screenshots.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere, e.g. to compare first)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-shots-'));
const server = spawn(process.execPath, ['dist/server/local.js'], {
  env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
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
const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })).newPage();
const shot = async (name, { top = false } = {}) => {
  if (top) await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop && (el.scrollTop = 0)) || window.scrollTo(0, 0));
  await page.waitForTimeout(400); // let transitions and toasts settle
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
};
// Acts as a demo identity (a student number, or an openid for the committee and new WeChat users) through the
// visible switch on 我的; `ready` is what shows that the page has caught up (by default: that student's profile).
const actAs = async (id, ready = page.locator('.me-page .profile-student-no', { hasText: id })) => {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator(`.me-page .demo-user-${id}`).click();
  await ready.waitFor();
};
const api = async (action, payload, user) => {
  const res = await fetch(`${base}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Demo-User': user },
    body: JSON.stringify(payload),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(`${action}: ${body.code} ${body.message}`);
  return body.data;
};
const TOAST_FADES = 2500;

try {
  await actAs('2024011101');
  await page.waitForTimeout(TOAST_FADES); // the “已切换” toast fades
  await shot('me', { top: true });

  await page.goto(`${base}/#/pages/events/index`);
  await page.locator('.events-page .event-card').first().waitFor();
  await shot('catalogue');

  await page.goto(`${base}/#/pages/event/index?id=e-firstaid-basic`);
  await page.locator('.event-page .signup-button:visible').waitFor();
  await shot('event-detail');
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.toast-message', { hasText: '报名成功' }).waitFor();
  await shot('event-detail-signed-up');

  await page.goto(`${base}/#/pages/event/index?id=e-lecture-micro`);
  await page.locator('.event-page .signup-button:visible', { hasText: '加入候补' }).click();
  await page.locator('.toast-message', { hasText: '已加入候补' }).waitFor();
  await shot('event-detail-waitlisted');

  await page.goto(`${base}/#/pages/registrations/index`);
  await page.locator('.registrations-page .registration-card').first().waitFor();
  await shot('my-registrations');
  await page.locator('.registrations-page .registration-card .cancel-button').first().click();
  await page.locator('.confirm-dialog').first().waitFor();
  await shot('my-registrations-cancel-dialog');

  await actAs('2025011101');
  await page.goto(`${base}/#/pages/registrations/index`);
  await page.locator('.registrations-page .registrations-empty').waitFor();
  await shot('my-registrations-empty');

  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.me-page .demo-user-none').click();
  await page.goto(`${base}/#/pages/event/index?id=e-volunteer-marathon`);
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.confirm-dialog:visible').waitFor();
  await shot('event-detail-not-bound');

  // A new WeChat user binds to a student who is on the roster but not bound yet (demo data: ID last six = the
  // student number's last six). A wrong name first: the server says how many tries are left.
  const branch = '23级软件技术1班团支部';
  const { members } = await api('listBranchMembers', { branch }, 'o-demo-admin');
  const free = members.find((m) => !m.bound);
  if (!free) throw new Error(`no unbound member left in ${branch}`);
  await actAs('o-demo-newcomer-1', page.locator('.me-page .bind-submit'));
  await page.waitForTimeout(TOAST_FADES);
  await page.locator('.me-page .bind-student-no input').fill(free.studentNo);
  await page.locator('.me-page .bind-name input').fill(`${free.name}错`);
  await page.locator('.me-page .bind-id-last6 input').fill(free.studentNo.slice(-6));
  await page.locator('.me-page .bind-submit').click();
  await page.locator('.me-page .bind-error', { hasText: '还可尝试' }).waitFor();
  await shot('me-bind', { top: true });
  await page.locator('.me-page .bind-name input').fill(free.name);
  await page.locator('.me-page .bind-submit').click();
  await page.locator('.me-page .profile-student-no', { hasText: free.studentNo }).waitFor();

  // The branch officer: roles under the profile, then 团支部成员 (officer subpackage).
  await actAs('2023011102');
  await page.locator('.me-page .role-chip').first().waitFor();
  await page.waitForTimeout(TOAST_FADES);
  await shot('me-officer', { top: true });
  await page.locator('.me-page .officer-entry').click();
  await page.locator('.members-page .member-row').first().waitFor();
  await shot('officer-members');

  // A plain student opening the officer page: refused, not an empty list.
  await actAs('2024011101');
  await page.goto(`${base}/#/packages/officer/members/index?branch=${encodeURIComponent(branch)}`);
  await page.locator('.members-page .members-forbidden:visible').first().waitFor();
  await shot('officer-members-forbidden');

  // The committee (subpackage packages/committee): a roster with one duplicate row is previewed, then only its clean
  // rows are imported; a branch role is granted; the audit log shows both.
  const rosterCsv = path.join(dataDir, 'roster-2024-software-1.csv');
  writeFileSync(
    rosterCsv,
    [
      '学号,姓名,二级学院,班级,团支部,是否团员,年级,身份证后六位,手机号',
      '2024019001,林晓雨,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,123456,13800001111',
      '2024019002,陈思远,信息技术学院,24级软件技术1班,24级软件技术1班团支部,否,2024级,,',
      '2024019003,王梓涵,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,65432X,',
      '2024019002,陈思远,信息技术学院,24级软件技术1班,24级软件技术1班团支部,否,2024级,,',
      '2024019004,赵一鸣,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,,',
    ].join('\n') + '\n',
  );
  await actAs('o-demo-admin', page.locator('.me-page .committee-entry'));
  await page.locator('.me-page .committee-entry').click();
  await page.locator('.committee-home .committee-tool-roster').click();
  await page.locator('.roster-page .roster-file-input').setInputFiles(rosterCsv);
  await page.locator('.roster-page .roster-problem').first().waitFor();
  await shot('committee-roster-preview');
  await page.locator('.roster-page .roster-import-clean').click();
  await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await page.locator('.roster-page .roster-result').waitFor();
  await shot('committee-roster-done');

  await page.goto(`${base}/#/packages/committee/roles/index`);
  await page.locator('.roles-page .role-account input').first().waitFor();
  await page.locator('.roles-page .role-account input').fill('2024011101');
  await page.locator('.roles-page .role-pick-branch_officer').click();
  await page.locator('.roles-page .role-scope input').fill('24级软件技术1班团支部');
  await page.locator('.roles-page .role-grant').click();
  await page.locator('.roles-page .role-result', { hasText: '24级软件技术1班团支部' }).waitFor();
  await page.waitForTimeout(TOAST_FADES);
  await shot('committee-roles');

  await page.goto(`${base}/#/packages/committee/audit/index`);
  await page.locator('.audit-page .audit-entry[data-action=importRoster]').first().waitFor();
  await shot('committee-audit');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
