// 百生讲坛's pages as a student, a judge and the committee see them (375×812; the committee's also at 1280×800), on a
// fresh demo database at TEST_CLOCK_START: the seed has 信息技术学院's 院赛 published, 医学院's under judging, the 校赛
// open. Builds nothing itself (run `npx taro build --type h5` and `node scripts/build-server.mjs` first).
// Usage: node scripts/screenshots-contest.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const CLOCK = process.env.TEST_CLOCK_START ?? '2026-11-18T02:00:00.000Z';
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

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const offset = Date.parse(CLOCK) - Date.now();
async function open(size = 'phone') {
  const context = await browser.newContext(size === 'desk' ? { viewport: { width: 1280, height: 800 } } : { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  await context.clock.install({ time: Date.now() + offset });
  return context.newPage();
}
async function actAs(page, id) {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator(`.me-page .demo-user-${id}`).click();
  await page.locator('.me-page .demo-identity, .me-page .demo-chip').first().waitFor();
  await page.waitForTimeout(2200);
}
async function shot(page, name, route, ready, { before, fullPage = false } = {}) {
  if (route) await page.goto(`${base}/#/${route}`);
  await page.locator(ready).first().waitFor({ timeout: 20000 });
  if (before) await before(page);
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  console.log(path.join(path.relative(process.cwd(), OUT), `${name}.png`));
}

try {
  // A student who advanced from the 院赛: their results, and the 校赛 open to them.
  const student = await open();
  await actAs(student, '2023011101');
  await shot(student, 'contest-home', 'packages/contest/home/index', '.contest-home-page .entry-result-label');
  await shot(student, 'contest-home-rounds', null, '.contest-home-page .round-card', {
    before: (p) => p.locator('.contest-home-page .round-card').first().evaluate((el) => el.scrollIntoView({ block: 'start' })),
  });
  // Entering the 校赛's 主讲人 track.
  const home = await api('getContestHome', {}, '2023011101');
  const school = home.rounds.find((r) => r.level === 'school');
  await shot(student, 'contest-enter', `packages/contest/enter/index?roundId=${school.id}&track=speaker`, '.contest-enter-page .entry-save', {
    before: async (p) => {
      await p.locator('.entry-topic-input input').fill('青春向党 强国有我');
      await p.locator('.entry-outline-input textarea').fill('一、从一封家书讲起：青年与时代；二、身边的榜样；三、我们能做什么。');
    },
  });

  // A lecturer team member: progress and the form to record a talk.
  const lecturer = await open();
  await actAs(lecturer, '2024021101');
  await shot(lecturer, 'contest-talks', 'packages/contest/talks/index', '.talks-page .talk-save');

  // A judge (a teacher): the list, then one entry's sheet.
  const judge = await open();
  await actAs(judge, 'o-demo-judge-liu');
  await shot(judge, 'contest-judging', 'packages/contest/judging/index', '.judging-page .judging-entry--todo');
  const todo = (await api('listMyJudging', {}, 'o-demo-judge-liu')).rounds.flatMap((r) => r.entries).find((e) => !e.scored);
  await shot(judge, 'contest-score', `packages/contest/score/index?entryId=${encodeURIComponent(todo.entryId)}`, '.score-page .score-submit', {
    before: async (p) => {
      for (const [id, v] of [['content', '88'], ['delivery', '85.5'], ['design', '80'], ['effect', '90']]) await p.locator(`.score-input-${id} input`).fill(v);
    },
  });

  // The committee: the rounds, a round under judging and the published one.
  for (const size of ['desk', 'phone']) {
    const admin = await open(size);
    await actAs(admin, 'o-demo-admin');
    const suffix = size === 'desk' ? '' : '-phone';
    await shot(admin, `committee-contest${suffix}`, 'packages/committee/contest/index', '.contest-rounds-page:visible .contest-round-row');
    await shot(admin, `committee-lecturers${suffix}`, 'packages/committee/lecturers/index', '.lecturers-page:visible .pending-talk');
    if (size === 'desk') {
      const rounds = (await api('listContestRounds', {}, 'o-demo-admin')).rounds;
      const published = rounds.find((r) => r.status === 'published');
      const judging = rounds.find((r) => r.status === 'judging');
      await shot(admin, 'committee-contest-published', `packages/committee/contest-round/index?id=${published.id}`, '.contest-round-page:visible .ranking-row', {
        before: (p) => p.locator('.contest-round-page:visible .contest-ranking').first().evaluate((el) => el.scrollIntoView({ block: 'start' })),
      });
      await shot(admin, 'committee-contest-judging', `packages/committee/contest-round/index?id=${judging.id}`, '.contest-round-page:visible .round-entry');
      await shot(admin, 'committee-contest-new', 'packages/committee/contest/index', '.contest-rounds-page:visible .contest-round-row', {
        before: (p) => p.locator('.contest-rounds-page:visible .contest-round-new').first().click(),
      });
    }
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
